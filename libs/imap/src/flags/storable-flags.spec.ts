import { storableFlags } from './storable-flags';

describe('storableFlags', () => {
  it('always drops \\Recent', () => {
    expect(storableFlags(['\\Seen', '\\Recent'])).toEqual(['\\Seen']);
  });

  it('keeps keywords only when PERMANENTFLAGS has \\*', () => {
    const flags = ['\\Seen', '$Label1'];
    expect(storableFlags(flags, new Set(['\\Seen', '\\*']))).toEqual(flags);
    expect(storableFlags(flags, new Set(['\\Seen']))).toEqual(['\\Seen']);
  });

  it('keeps a keyword the folder lists explicitly', () => {
    expect(storableFlags(['$Forwarded'], new Set(['$Forwarded']))).toEqual(['$Forwarded']);
  });
});
