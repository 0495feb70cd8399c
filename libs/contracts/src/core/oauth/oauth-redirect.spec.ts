import { oauthFragment, OAuthRedirectResult, parseOAuthFragment } from './oauth-redirect';

describe('parseOAuthFragment', () => {
  const results: OAuthRedirectResult[] = [
    { ok: true, side: 'source', credentialId: 'c0ffee00-1', email: 'alice+x@test.local' },
    { ok: false, side: 'destination', message: 'Access was not granted at Google: denied' },
    { ok: false, side: '', message: 'The sign-in expired: please authenticate again' },
  ];

  it.each(results)('reads what the auth service writes (%o)', (result) => {
    expect(parseOAuthFragment(`#${oauthFragment(result)}`)).toEqual(result);
  });

  it('ignores fragments that are not OAuth results', () => {
    for (const fragment of [
      '',
      '#',
      '#top',
      '#oauth=source:only',
      '#oauth=elsewhere:a:b',
      '#oauth=%E0:a:b',
    ]) {
      expect(parseOAuthFragment(fragment)).toBeNull();
    }
  });
});
