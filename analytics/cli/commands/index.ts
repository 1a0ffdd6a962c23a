import type { Command } from '../command';
import { deckCommand } from './deck';
import { demoCommand } from './demo';
import { effectsCommand } from './effects';
import { exportDataCommand } from './export-data';
import { importCommand, orgCommand } from './import';
import { infoCommand } from './info';
import { metricsCommand } from './metrics';
import { scenarioCommand } from './scenario';
import { syncGitHubCommand } from './sync-github';

/** Every CLI command, in the order `help` lists them. New commands register here. */
export const commands: readonly Command[] = [demoCommand, infoCommand, importCommand, orgCommand, syncGitHubCommand, effectsCommand, metricsCommand, scenarioCommand, deckCommand, exportDataCommand];
