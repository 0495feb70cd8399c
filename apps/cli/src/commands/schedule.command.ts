import type { ScheduleView } from '@btsx/contracts/core';
import { Command } from 'commander';
import { ApiClient } from '../api-client';
import { CommandOutput } from '../command-output';
import { EXIT_OK } from '../exit-code';
import { formatScheduleSummary } from '../schedule-summary';
import { apiClientFor } from './server-option';

type ScheduleAction = (api: ApiClient, id: string) => Promise<ScheduleView>;

function scheduleSubcommand(name: string, description: string, action: ScheduleAction): Command {
  return new Command(name)
    .description(description)
    .argument('<id>', 'schedule id, as printed by btsx migrate --every')
    .action(async (id: string, _options: unknown, command: Command) => {
      const api = apiClientFor(command);
      const schedule = await action(api, id);
      const words = `${formatScheduleSummary(schedule)}Schedule page: ${api.schedulePageUrl(id)}\n`;
      CommandOutput.of(command).result(words, schedule);
      process.exitCode = EXIT_OK;
    });
}

/** `btsx schedule status|final|cancel ID`: a schedule made by `btsx migrate --every`. */
export function scheduleCommand(): Command {
  return new Command('schedule')
    .description('watch a schedule of delta passes, ask for its final pass, or cancel it')
    .addCommand(
      scheduleSubcommand('status', 'show the passes so far and the next one', (api, id) =>
        api.getSchedule(id),
      ),
    )
    .addCommand(
      scheduleSubcommand(
        'final',
        'run one last delta pass once the current one ended (or now), then end the schedule and discard the passwords',
        (api, id) => api.finalPass(id),
      ),
    )
    .addCommand(
      scheduleSubcommand(
        'cancel',
        'stop the schedule and its running pass, and discard the passwords',
        (api, id) => api.cancelSchedule(id),
      ),
    );
}
