#!/usr/bin/python3
"""Independent reference values for every corpus file, computed with mido (Debian python3-mido 1.2.10).

The oracle tests (test/oracle/mido.test.ts) compare our reader and analysis with these values, so nothing
here may come from our own code. One JSON object per line, in MANIFEST.tsv order:

  {"path": "midi/...", "size": 123, "header": {...raw MThd facts...},
   "accepted": "yes" | "clip" | "lenient" | "no",   # see parse_in_tiers()
   "error", "clipError", "lenientError": {"type", "message"},   # why a stricter tier refused the file
   "lenientNotes": [...],                    # what the lenient tier had to tolerate
   "format", "ticksPerBeat", "trackCount",   # as mido read them (mido unpacks the header as SIGNED 16-bit)
   "noteCount",                              # note_on with velocity > 0, all tracks and channels
   "tracks": [{"notes", "events", "endTick"}],
   "durationTicks",                          # latest absolute tick of any message, End-of-Track included
   "tempoEvents", "unknownMetaEvents",
   "length" | "lengthError",                 # MidiFile.length, or why it raised
   "lengthByHand"}                           # mido's own length algorithm re-run here (see below)

Tiers: "yes" = plain MidiFile() reads it and it holds no unknown meta event; "clip" = only MidiFile(clip=True)
does (data bytes > 127 clipped, which shifts nothing but changes those values); "lenient" = clip=True plus a
meta builder that keeps unknown meta events with their delta time and keeps undecodable meta payloads as
unknown meta events; "no" = none of them.

Oracle pitfalls of 1.2.10 (docs/design.md): `length` raises TypeError when a track holds an unknown meta
event (UnknownMetaMessage.copy() passes `type=` to its own __init__; mido issue #197, fixed upstream later)
and ValueError for format 2; worse, `build_meta_message` builds unknown meta events WITHOUT their delta time,
so every later event of that track lands early (hence the lenient tier). SMPTE division is not interpreted
(negative ticks_per_beat); no RIFF RMID. `lengthByHand` repeats exactly what MidiFile.__iter__ does (tracks
merged by absolute tick with a stable sort, each delta converted with the tempo in force before the message,
the default 500,000 us/quarter until the first set_tempo) without copying messages, so it also exists for
lenient files. Where `length` exists the script asserts the two are equal, which keeps the re-run honest.

Usage: /usr/bin/python3 scripts/mido-reference.py [--corpus DIR] [--out FILE] [--jobs N] [--print-path]
The default output is node_modules/.cache/midi-pipeline/mido-reference-<key>.jsonl, where <key> is the
first 16 hex digits of sha256(MANIFEST.tsv bytes + b"\\0" + this script's bytes): change either and the
reference is recomputed (test/support/mido.ts computes the same key).
"""

import argparse
import hashlib
import io
import json
import os
import struct
import sys
import time
from multiprocessing import Pool

import mido
from mido.midifiles import midifiles
from mido.midifiles.meta import _META_SPECS, UnknownMetaMessage
from mido.midifiles.units import tick2second

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_TEMPO = 500000  # SMF 1.0: 120 BPM until the first Set Tempo


def cache_key(manifest_path):
    digest = hashlib.sha256()
    with open(manifest_path, 'rb') as f:
        digest.update(f.read())
    digest.update(b'\0')
    with open(os.path.abspath(__file__), 'rb') as f:
        digest.update(f.read())
    return digest.hexdigest()[:16]


def header_facts(data):
    """The MThd fields as raw unsigned numbers, read here so that SMPTE and format 2 files can be told apart
    even when mido refuses them (mido itself reads them as signed shorts)."""
    if len(data) < 14 or data[:4] != b'MThd':
        return {'magic': data[:4].hex()}
    length, fmt, ntrks, division = struct.unpack('>LHHH', data[4:14])
    facts = {'magic': 'MThd', 'length': length, 'format': fmt, 'declaredTracks': ntrks}
    if division & 0x8000:
        facts['smpte'] = {'fps': 256 - (division >> 8), 'ticksPerFrame': division & 0xFF}
    else:
        facts['ppq'] = division
    return facts


def describe(error):
    return {'type': type(error).__name__, 'message': str(error)[:300]}


def length_by_hand(mid):
    """MidiFile.length as MidiFile.__iter__ computes it, tolerant of UnknownMetaMessage."""
    stamped = []
    for track in mid.tracks:
        now = 0
        for msg in track:
            now += msg.time
            stamped.append((now, msg))
    stamped.sort(key=lambda pair: pair[0])  # stable, like merge_tracks()
    tempo = DEFAULT_TEMPO
    seconds = 0.0
    previous = 0
    for tick, msg in stamped:
        delta = tick - previous
        previous = tick
        if delta > 0:
            seconds += tick2second(delta, mid.ticks_per_beat, tempo)
        if msg.type == 'set_tempo':
            tempo = msg.tempo
    return seconds


def lenient_meta_builder(strict_builder, notes):
    """A meta builder that (1) keeps the delta time of unknown meta events, which 1.2.10 drops
    (`build_meta_message` returns `UnknownMetaMessage(meta_type, data)` without `delta`, shifting every later
    event of the track earlier; fixed upstream), and (2) keeps a known meta event whose payload mido cannot
    decode (key signature with mode 255, SMPTE offset hours > 23, short payloads) as an unknown meta event
    instead of refusing the whole file. `notes` collects what was done, per meta type."""
    def build(meta_type, data, delta=0):
        try:
            spec_known = meta_type in _META_SPECS
            msg = strict_builder(meta_type, data, delta)
        except Exception as error:
            notes['undecodable meta 0x{:02x} ({})'.format(meta_type, type(error).__name__)] = True
            return UnknownMetaMessage(meta_type, data, delta)
        if not spec_known:
            return UnknownMetaMessage(meta_type, data, delta)
        return msg
    return build


def load(data, clip, lenient_notes=None):
    if lenient_notes is None:
        return mido.MidiFile(file=io.BytesIO(data), clip=clip)
    strict_builder = midifiles.build_meta_message
    midifiles.build_meta_message = lenient_meta_builder(strict_builder, lenient_notes)
    try:
        return mido.MidiFile(file=io.BytesIO(data), clip=clip)
    finally:
        midifiles.build_meta_message = strict_builder


def has_unknown_meta(mid):
    return any(msg.type == 'unknown_meta' for track in mid.tracks for msg in track)


def parse_in_tiers(data, record):
    """Tier "yes": plain MidiFile() with no unknown meta event (their delta is lost, and .length raises);
    "clip": MidiFile(clip=True) likewise; "lenient": clip=True plus the lenient meta builder; else "no"."""
    mid = None
    try:
        mid = load(data, clip=False)
        if not has_unknown_meta(mid):
            record['accepted'] = 'yes'
            return mid
        record['error'] = {'type': 'UnknownMeta', 'message': 'unknown meta event (1.2.10 drops its delta time)'}
    except Exception as error:  # mido raises IOError, EOFError, ValueError, KeyError, ... on bad input
        record['error'] = describe(error)
    if record['error']['type'] != 'UnknownMeta':
        try:
            mid = load(data, clip=True)
            if not has_unknown_meta(mid):
                record['accepted'] = 'clip'
                return mid
        except Exception as error:
            record['clipError'] = describe(error)
    notes = {}
    try:
        mid = load(data, clip=True, lenient_notes=notes)
    except Exception as error:
        record['accepted'] = 'no'
        record['lenientError'] = describe(error)
        return None
    record['accepted'] = 'lenient'
    if has_unknown_meta(mid):
        notes['unknown meta kept with its delta time'] = True
    record['lenientNotes'] = sorted(notes)
    return mid


def reference(args):
    corpus, relpath = args
    with open(os.path.join(corpus, relpath), 'rb') as f:
        data = f.read()
    record = {'path': relpath, 'size': len(data), 'header': header_facts(data)}
    started = time.perf_counter()
    mid = parse_in_tiers(data, record)
    if mid is None:
        return record

    tracks = []
    note_count = 0
    tempo_events = 0
    unknown_meta = 0
    for track in mid.tracks:
        notes = 0
        end = 0
        for msg in track:
            end += msg.time
            if msg.type == 'note_on' and msg.velocity > 0:
                notes += 1
            elif msg.type == 'set_tempo':
                tempo_events += 1
            elif msg.type == 'unknown_meta':
                unknown_meta += 1
        note_count += notes
        tracks.append({'notes': notes, 'events': len(track), 'endTick': end})

    record.update({
        'format': mid.type,
        'ticksPerBeat': mid.ticks_per_beat,
        'trackCount': len(mid.tracks),
        'noteCount': note_count,
        'tracks': tracks,
        'durationTicks': max((t['endTick'] for t in tracks), default=0),
        'tempoEvents': tempo_events,
        'unknownMetaEvents': unknown_meta,
    })
    if mid.type != 2 and mid.ticks_per_beat > 0:
        record['lengthByHand'] = length_by_hand(mid)
    if unknown_meta == 0:
        try:
            record['length'] = mid.length
        except Exception as error:
            record['lengthError'] = describe(error)
    if 'length' in record and 'lengthByHand' in record:
        # Same algorithm; only float summation order may differ.
        assert abs(record['length'] - record['lengthByHand']) < 1e-6, relpath
    record['parseSeconds'] = round(time.perf_counter() - started, 4)
    return record


def manifest_paths(manifest_path):
    with open(manifest_path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    return [line.split('\t')[0] for line in lines[1:] if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--corpus', default=os.environ.get('MIDI_CORPUS', os.path.join(ROOT, '..', 'shared', 'corpus')))
    parser.add_argument('--out')
    parser.add_argument('--jobs', type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument('--print-path', action='store_true', help='print the default output path and exit')
    options = parser.parse_args()

    manifest = os.path.join(options.corpus, 'MANIFEST.tsv')
    out = options.out or os.path.join(ROOT, 'node_modules', '.cache', 'midi-pipeline',
                                      'mido-reference-{}.jsonl'.format(cache_key(manifest)))
    if options.print_path:
        print(out)
        return

    paths = manifest_paths(manifest)
    started = time.perf_counter()
    work = [(options.corpus, path) for path in paths]
    # Largest files first so that two processes finish together; written back in manifest order.
    work.sort(key=lambda item: -os.path.getsize(os.path.join(item[0], item[1])))
    if options.jobs > 1:
        with Pool(options.jobs) as pool:
            done = list(pool.imap_unordered(reference, work, chunksize=1))
    else:
        done = [reference(item) for item in work]
    by_path = {record['path']: record for record in done}
    records = [by_path[path] for path in paths]

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    partial = out + '.partial-{}'.format(os.getpid())
    with open(partial, 'w', encoding='utf-8') as f:
        for record in records:
            f.write(json.dumps(record, sort_keys=True) + '\n')
    os.replace(partial, out)  # atomic: a reader never sees half a reference
    counts = {}
    for record in records:
        counts[record['accepted']] = counts.get(record['accepted'], 0) + 1
    print('mido {}: {} files in {:.1f} s ({}) -> {}'.format(
        mido.__version__, len(records), time.perf_counter() - started,
        ', '.join('{} {}'.format(k, v) for k, v in sorted(counts.items())), out), file=sys.stderr)
    print(out)


if __name__ == '__main__':
    main()
