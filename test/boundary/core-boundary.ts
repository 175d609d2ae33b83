// Finds what would tie core/ to one runtime: imports of node:*, database drivers, hono or adapters, and
// uses of the globals process, Deno, Buffer, require, __dirname, __filename. Parsed with the TypeScript
// compiler, so comments, strings and property names (`x.process`) do not count.
import ts from 'typescript';

const FORBIDDEN_MODULES = [/^node:/, /^postgres$/, /^@neondatabase\//, /^@electric-sql\//, /^hono(\/|$)/, /(^|\/)adapters\//];
const FORBIDDEN_GLOBALS = new Set(['process', 'Deno', 'Buffer', 'require', '__dirname', '__filename']);
// Node built-ins imported without the node: prefix are just as runtime-bound.
const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'net', 'http', 'https', 'url', 'util', 'stream', 'buffer', 'events', 'zlib', 'process']);

export interface Violation {
  line: number;
  text: string;
}

export function boundaryViolations(fileName: string, source: string): Violation[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const found: Violation[] = [];
  const report = (node: ts.Node, text: string) => found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });

  const checkSpecifier = (node: ts.Node, specifier: string) => {
    if (FORBIDDEN_MODULES.some((re) => re.test(specifier)) || NODE_BUILTINS.has(specifier.split('/')[0])) report(node, `imports "${specifier}"`);
  };

  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      checkSpecifier(node, node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) checkSpecifier(node, arg.text);
      else report(node, 'dynamic import of a computed module');
    } else if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isPropertySignature(parent) && parent.name === node) ||
        (ts.isPropertyDeclaration(parent) && parent.name === node) ||
        (ts.isMethodDeclaration(parent) && parent.name === node);
      if (!isPropertyName) report(node, `uses the global "${node.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
