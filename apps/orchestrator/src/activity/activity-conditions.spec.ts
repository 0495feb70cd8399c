import { activityConditions } from './activity-conditions';

describe('activityConditions', () => {
  it('matches everything without a filter or cursor', () => {
    expect(activityConditions({}, null)).toEqual({ where: '', params: [] });
  });

  it('takes an actor id for an admin or a token, anything else as an email', () => {
    const id = '8a4a8f0e-4a55-4e0c-9a0a-6e7e2f7f5d11';
    expect(activityConditions({ actor: id }, null)).toEqual({
      where: 'WHERE (actor_admin_id = $1 OR actor_token_id = $1)',
      params: [id],
    });
    expect(activityConditions({ actor: ' Root@BTSX.test ' }, null).params).toEqual([
      'root@btsx.test',
    ]);
  });

  it('numbers every filter and the cursor in order', () => {
    const filter = { action: 'batch.paused' as const, target: 'b', from: 'f', to: 't' };
    expect(activityConditions(filter, '42')).toEqual({
      where: 'WHERE action = $1 AND target_id = $2 AND at >= $3 AND at < $4 AND id < $5',
      params: ['batch.paused', 'b', 'f', 't', '42'],
    });
  });
});
