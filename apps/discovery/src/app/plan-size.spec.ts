import { checkPlanSize, MAX_PLAN_BYTES } from './plan-size';

const folders = (count: number, nameBytes: number) =>
  Array.from({ length: count }, (_, n) => {
    const name = `${n}`.padEnd(nameBytes, 'x');
    return { source: name, destination: name };
  });

describe('checkPlanSize', () => {
  it('passes a plan of 5,000 folders with ordinary names', () => {
    expect(() => checkPlanSize(folders(5_000, 30))).not.toThrow();
  });

  it('fails a plan of long names that would not fit in one bus message, for good', () => {
    const error = (() => {
      try {
        checkPlanSize(folders(1_000, 1_000));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ permanent: true });
    expect(String(error)).toMatch(
      new RegExp(
        `1000 folders make a plan of \\d+ KB; one job carries at most ${MAX_PLAN_BYTES / 1024} KB`,
      ),
    );
  });
});
