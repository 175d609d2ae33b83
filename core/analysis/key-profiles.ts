// Key profiles: the weight of each scale degree (index 0 = tonic, in semitones above it) in a major and a
// minor key, as published. Values cross-checked against the collection of Gotham et al., "What if the 'When'
// Implies the 'What'?" (ISMIR 2021), `key_profiles_literature.py` of the AMADS toolkit, which reproduces
// them from the original papers.

export interface KeyProfile {
  /** Short citation of the source. */
  source: string;
  major: readonly number[];
  minor: readonly number[];
}

export type KeyProfileName = 'krumhansl-kessler' | 'temperley-kostka-payne' | 'aarden-essen' | 'albrecht-shanahan';

export const KEY_PROFILES: Readonly<Record<KeyProfileName, KeyProfile>> = {
  // Probe-tone ratings: C. L. Krumhansl and E. J. Kessler, "Tracing the dynamic changes in perceived tonal
  // organization in a spatial representation of musical keys", Psychological Review 89(4), 1982, 334-368.
  'krumhansl-kessler': {
    source: 'Krumhansl & Kessler 1982',
    major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
    minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
  },
  // Proportion of segments containing each degree in the Kostka-Payne textbook excerpts:
  // D. Temperley, Music and Probability, MIT Press 2007, ch. 4 (also Temperley & Marvin 2008).
  'temperley-kostka-payne': {
    source: 'Temperley 2007 (Kostka-Payne corpus)',
    major: [0.748, 0.06, 0.488, 0.082, 0.67, 0.46, 0.096, 0.715, 0.104, 0.366, 0.057, 0.4],
    minor: [0.712, 0.084, 0.474, 0.618, 0.049, 0.46, 0.105, 0.747, 0.404, 0.067, 0.133, 0.33],
  },
  // Duration-weighted degree frequencies of the Essen folksong collection: B. Aarden, "Dynamic melodic
  // expectancy", PhD thesis, Ohio State University 2003.
  'aarden-essen': {
    source: 'Aarden 2003 (Essen folksong collection)',
    major: [17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122],
    minor: [18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623],
  },
  // Duration-weighted distributions of the opening and closing measures of 982 common-practice pieces:
  // J. Albrecht and D. Shanahan, "The use of large corpora to train a new type of key-finding algorithm",
  // Music Perception 31(1), 2013, 59-67 (appendix).
  'albrecht-shanahan': {
    source: 'Albrecht & Shanahan 2013',
    major: [0.238, 0.006, 0.111, 0.006, 0.137, 0.094, 0.016, 0.214, 0.009, 0.08, 0.008, 0.081],
    minor: [0.22, 0.006, 0.104, 0.123, 0.019, 0.103, 0.012, 0.214, 0.062, 0.022, 0.061, 0.052],
  },
};

export const KEY_PROFILE_NAMES = Object.keys(KEY_PROFILES) as KeyProfileName[];
