import { skeleton } from '../../config/skeleton';

describe('skeleton: names that look the same compare equal', () => {
  it.each([
    ['Essex Police', 'essex police'],
    ['Essex  Police', 'doubled space'],
    ['\u0415ssex Police', 'Cyrillic capital Ie for E'],
    ['Ess\u0435x P\u043elice', 'Cyrillic small ie and o'],
    ['Essex Pol\u200Bice', 'a zero-width space'],
    ['Essex \u0420olice', 'Cyrillic Er for P'],
    ['Essex Po1ice', 'digit one for l'],
    ['Essex PoIice', 'capital I for l'],
    ['\uFF25ssex Police', 'a fullwidth letter (NFKC)'],
    ['Essex\u00A0Police', 'a no-break space'],
    [' Essex Police ', 'surrounding spaces'],
  ])('%j (%s) is Essex Police', (name) => {
    expect(skeleton(name)).toBe(skeleton('Essex Police'));
  });

  it('keeps names that differ in letters a reviewer can see apart', () => {
    expect(skeleton('Essex Police')).not.toBe(skeleton('Sussex Police'));
    expect(skeleton('Kent Police')).not.toBe(skeleton('Kerit Police'));
  });
});
