// General MIDI instrument names and families, and the drum-kit names used when a channel plays a drum part.
// Program names and the 16 families of eight programs: MMA, "General MIDI Level 1 Sound Set"
// (https://midi.org/general-midi-level-1). Drum kits: the GS/GM2 drum-set program numbers
// (Roland SC-55 owner's manual, "Drum Set List"; MMA RP-024 GM2, "GM2 Percussion Sound Set").

/** Program 0-127 -> GM1 name, e.g. `GM_PROGRAM_NAMES[0]` = "Acoustic Grand Piano". */
export const GM_PROGRAM_NAMES: readonly string[] = [
  // Piano
  'Acoustic Grand Piano', 'Bright Acoustic Piano', 'Electric Grand Piano', 'Honky-tonk Piano',
  'Electric Piano 1', 'Electric Piano 2', 'Harpsichord', 'Clavi',
  // Chromatic Percussion
  'Celesta', 'Glockenspiel', 'Music Box', 'Vibraphone', 'Marimba', 'Xylophone', 'Tubular Bells', 'Dulcimer',
  // Organ
  'Drawbar Organ', 'Percussive Organ', 'Rock Organ', 'Church Organ', 'Reed Organ', 'Accordion', 'Harmonica', 'Tango Accordion',
  // Guitar
  'Acoustic Guitar (nylon)', 'Acoustic Guitar (steel)', 'Electric Guitar (jazz)', 'Electric Guitar (clean)',
  'Electric Guitar (muted)', 'Overdriven Guitar', 'Distortion Guitar', 'Guitar harmonics',
  // Bass
  'Acoustic Bass', 'Electric Bass (finger)', 'Electric Bass (pick)', 'Fretless Bass',
  'Slap Bass 1', 'Slap Bass 2', 'Synth Bass 1', 'Synth Bass 2',
  // Strings
  'Violin', 'Viola', 'Cello', 'Contrabass', 'Tremolo Strings', 'Pizzicato Strings', 'Orchestral Harp', 'Timpani',
  // Ensemble
  'String Ensemble 1', 'String Ensemble 2', 'SynthStrings 1', 'SynthStrings 2',
  'Choir Aahs', 'Voice Oohs', 'Synth Voice', 'Orchestra Hit',
  // Brass
  'Trumpet', 'Trombone', 'Tuba', 'Muted Trumpet', 'French Horn', 'Brass Section', 'SynthBrass 1', 'SynthBrass 2',
  // Reed
  'Soprano Sax', 'Alto Sax', 'Tenor Sax', 'Baritone Sax', 'Oboe', 'English Horn', 'Bassoon', 'Clarinet',
  // Pipe
  'Piccolo', 'Flute', 'Recorder', 'Pan Flute', 'Blown Bottle', 'Shakuhachi', 'Whistle', 'Ocarina',
  // Synth Lead
  'Lead 1 (square)', 'Lead 2 (sawtooth)', 'Lead 3 (calliope)', 'Lead 4 (chiff)',
  'Lead 5 (charang)', 'Lead 6 (voice)', 'Lead 7 (fifths)', 'Lead 8 (bass + lead)',
  // Synth Pad
  'Pad 1 (new age)', 'Pad 2 (warm)', 'Pad 3 (polysynth)', 'Pad 4 (choir)',
  'Pad 5 (bowed)', 'Pad 6 (metallic)', 'Pad 7 (halo)', 'Pad 8 (sweep)',
  // Synth Effects
  'FX 1 (rain)', 'FX 2 (soundtrack)', 'FX 3 (crystal)', 'FX 4 (atmosphere)',
  'FX 5 (brightness)', 'FX 6 (goblins)', 'FX 7 (echoes)', 'FX 8 (sci-fi)',
  // Ethnic
  'Sitar', 'Banjo', 'Shamisen', 'Koto', 'Kalimba', 'Bag pipe', 'Fiddle', 'Shanai',
  // Percussive
  'Tinkle Bell', 'Agogo', 'Steel Drums', 'Woodblock', 'Taiko Drum', 'Melodic Tom', 'Synth Drum', 'Reverse Cymbal',
  // Sound Effects
  'Guitar Fret Noise', 'Breath Noise', 'Seashore', 'Bird Tweet', 'Telephone Ring', 'Helicopter', 'Applause', 'Gunshot',
];

/** The 16 GM families, programs 8k..8k+7 each, e.g. `GM_FAMILIES[0]` = "Piano". */
export const GM_FAMILIES: readonly string[] = [
  'Piano', 'Chromatic Percussion', 'Organ', 'Guitar', 'Bass', 'Strings', 'Ensemble', 'Brass',
  'Reed', 'Pipe', 'Synth Lead', 'Synth Pad', 'Synth Effects', 'Ethnic', 'Percussive', 'Sound Effects',
];

/** Family given to instruments on drum parts (not a GM program family). */
export const DRUM_FAMILY = 'Drums';

const DRUM_KITS: Readonly<Record<number, string>> = {
  0: 'Standard Kit',
  8: 'Room Kit',
  16: 'Power Kit',
  24: 'Electronic Kit',
  25: 'TR-808 Kit',
  32: 'Jazz Kit',
  40: 'Brush Kit',
  48: 'Orchestra Kit',
  56: 'SFX Kit',
};

/** GM1 name of a program, e.g. `programName(40)` = "Violin". */
export function programName(program: number): string {
  return GM_PROGRAM_NAMES[program & 0x7f];
}

/** GM family of a program, e.g. `programFamily(40)` = "Strings". */
export function programFamily(program: number): string {
  return GM_FAMILIES[(program & 0x7f) >> 3];
}

/** Name of the drum kit a program selects on a drum part, e.g. `drumKitName(25)` = "TR-808 Kit". */
export function drumKitName(program: number): string {
  return DRUM_KITS[program] ?? 'Drum Kit';
}
