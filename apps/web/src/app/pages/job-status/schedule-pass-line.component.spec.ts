import { beforeEach, describe, expect, it } from 'vitest';
import { type PageHarness, pageHarness } from '../../shared/testing/page-harness';
import { SchedulePassLineComponent } from './schedule-pass-line.component';

describe('SchedulePassLineComponent', () => {
  let line: PageHarness<SchedulePassLineComponent>;

  beforeEach(async () => {
    line = pageHarness(SchedulePassLineComponent);
    line.fixture.componentRef.setInput('scheduleId', 'schedule-1');
    line.fixture.componentRef.setInput('jobId', 'job-2');
    await line.fixture.whenStable();
  });

  const link = () => line.el().querySelector('a')!;

  async function answer(body: object, status = 200): Promise<void> {
    line.http
      .expectOne({ method: 'GET', url: '/api/schedules/schedule-1' })
      .flush(body, { status, statusText: status === 200 ? 'OK' : 'Not Found' });
    await line.settle();
  }

  it('names the pass by its number and links to the schedule', async () => {
    await answer({
      passes: [
        { number: 1, jobId: 'job-1' },
        { number: 2, jobId: 'job-2' },
      ],
    });
    expect(link().textContent?.trim()).toBe('Pass 2 of a schedule');
    expect(link().getAttribute('href')).toBe('/schedules/schedule-1');
  });

  it('still links to the schedule when its view cannot be read', async () => {
    await answer({ statusCode: 404, message: 'No such schedule' }, 404);
    expect(link().textContent?.trim()).toBe('A pass of a schedule');
  });
});
