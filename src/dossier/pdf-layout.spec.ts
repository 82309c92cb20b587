import { breakWord, characterWidthMeasure, columnWidths, linesThatFit, truncateText, wrapText } from './pdf-layout';

/** Every character 1 unit wide: widths are lengths. */
const length = (text: string): number => text.length;

describe('characterWidthMeasure', () => {
  it('should add up character widths, scaled to the font size', () => {
    const measure = characterWidthMeasure((char) => (char === 'W' ? 1000 : 500));
    expect(measure('WaW', 10)).toBe(25);
    expect(measure('', 10)).toBe(0);
  });

  it('should ask for each distinct character once', () => {
    const asked: string[] = [];
    const measure = characterWidthMeasure((char) => {
      asked.push(char);
      return 600;
    });
    measure('Łódź Łódź', 10);
    measure('źŁ', 12);
    expect(asked).toEqual(['Ł', 'ó', 'd', 'ź', ' ']);
  });

  it('should measure a character outside the Basic Multilingual Plane as one', () => {
    const asked: string[] = [];
    const measure = characterWidthMeasure((char) => {
      asked.push(char);
      return 1000;
    });
    expect(measure('a𝔸b', 1)).toBe(3);
    expect(asked).toEqual(['a', '𝔸', 'b']);
  });
});

describe('wrapText', () => {
  it('should keep text that fits on one line', () => {
    expect(wrapText('suivi à long terme', 18, length)).toEqual(['suivi à long terme']);
  });

  it('should wrap at spaces, every line within the width', () => {
    const lines = wrapText('Long-term efficacy and safety of etranacogene dezaparvovec in adults', 20, length);
    expect(lines).toEqual(['Long-term efficacy', 'and safety of', 'etranacogene', 'dezaparvovec in', 'adults']);
    expect(lines.every((line) => line.length <= 20)).toBe(true);
  });

  it('should keep line feeds, empty lines included', () => {
    expect(wrapText('2026-01-15\nEMEA/H/C/004827\n\nend', 40, length)).toEqual(['2026-01-15', 'EMEA/H/C/004827', '', 'end']);
  });

  it('should give one empty line for empty text', () => {
    expect(wrapText('', 10, length)).toEqual(['']);
  });

  it('should break a word wider than the line after a separator', () => {
    expect(wrapText('see EMEA/H/C/004827/II/0012', 12, length)).toEqual(['see', 'EMEA/H/C/', '004827/II/', '0012']);
  });

  it('should collapse runs of spaces where it wraps', () => {
    expect(wrapText('a    b    c', 3, length)).toEqual(['a b', 'c']);
  });
});

describe('breakWord', () => {
  it('should cut a word without separators at the last character that fits', () => {
    expect(breakWord('e44da961a6063adf', 6, length)).toEqual(['e44da9', '61a606', '3adf']);
  });

  it('should make progress when not even one character fits', () => {
    expect(breakWord('abc', 0.5, length)).toEqual(['a', 'b', 'c']);
  });
});

describe('truncateText', () => {
  it('should keep text that fits and cut the rest with an ellipsis', () => {
    expect(truncateText('Hemgenix', 8, length)).toBe('Hemgenix');
    expect(truncateText('Hemgenix renewal dossier', 12, length)).toBe('Hemgenix re…');
  });
});

describe('columnWidths', () => {
  it('should share the total by weight, exactly', () => {
    const widths = columnWidths([1, 1, 1], 495.28);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(495.28, 6);
    expect(widths[0]).toBeCloseTo(165.09, 2);
  });

  it('should refuse weights that do not add up to something positive', () => {
    expect(() => columnWidths([], 100)).toThrow(RangeError);
    expect(() => columnWidths([0, 0], 100)).toThrow(RangeError);
  });
});

describe('linesThatFit', () => {
  it('should count whole lines, with a floor', () => {
    expect(linesThatFit(30, 10)).toBe(3);
    expect(linesThatFit(29.9, 10)).toBe(2);
    expect(linesThatFit(5, 10)).toBe(0);
    expect(linesThatFit(5, 10, 1)).toBe(1);
  });
});
