import { choiceOption, UsageError } from '../../cli/command';

describe('choiceOption', () => {
  const FORMATS = ['text', 'json'] as const;

  it('returns the value when it is one of the choices', () => {
    expect(choiceOption({ format: 'json' }, 'format', FORMATS)).toBe('json');
  });

  it('returns undefined when the option was not given, so the caller picks the default', () => {
    expect(choiceOption({}, 'format', FORMATS)).toBeUndefined();
  });

  it('rejects anything else as wrong usage, naming the option, the choices and the value', () => {
    expect(() => choiceOption({ format: 'xml' }, 'format', FORMATS)).toThrow(UsageError);
    expect(() => choiceOption({ format: 'xml' }, 'format', FORMATS)).toThrow(
      '--format must be one of text, json; got "xml"',
    );
  });
});
