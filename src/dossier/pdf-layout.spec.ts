import { breakWord, characterWidthMeasure, columnWidths, fitColumnsToWords, linesThatFit, truncateText, widestWord, wrapText } from './pdf-layout';

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
    expect(breakWord('a1c', 0.5, length)).toEqual(['a', '1', 'c']);
    expect(breakWord('abc', 0.5, length)).toEqual(['a-', 'b-', 'c']);
  });

  it('should cut a word of letters with a hyphen, every piece within the width', () => {
    const pieces = breakWord('Hypogammaglobulinaemia', 10, length);
    expect(pieces).toEqual(['Hypogamma-', 'globulina-', 'emia']);
    expect(pieces.every((piece) => piece.length <= 10)).toBe(true);
  });
});

describe('widestWord', () => {
  it('should measure the widest run of letters, ignoring digits and separators', () => {
    expect(widestWord('Hypogammaglobulinaemia; Pyrexia', length)).toBe(22);
    expect(widestWord('graft-versus-host disease', length)).toBe(7);
    expect(widestWord('EMEA/H/C/004827/II/0012', length)).toBe(4);
    expect(widestWord('', length)).toBe(0);
  });
});

describe('fitColumnsToWords', () => {
  it('should leave widths alone when every widest word fits', () => {
    expect(fitColumnsToWords([40, 60], [30, 50])).toEqual([40, 60]);
  });

  it('should widen a column to its widest word, taking the room from the others in proportion, the total kept', () => {
    const widths = fitColumnsToWords([20, 40, 40], [30, 10, 30]);
    expect(widths[0]).toBeCloseTo(30, 2);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
    // Column 2 could spare 30, column 3 only 10: they give 7.5 and 2.5.
    expect(widths[1]).toBeCloseTo(32.5, 2);
    expect(widths[2]).toBeCloseTo(37.5, 2);
  });

  it('should share what there is when the room is not enough', () => {
    const widths = fitColumnsToWords([20, 30], [40, 25]);
    expect(widths).toEqual([25, 25]);
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
