import type { Command } from '../command';
import { demoCommand } from './demo';
import { importCommand, orgCommand } from './import';
import { infoCommand } from './info';

/** Every CLI command, in the order `help` lists them. New commands register here. */
export const commands: readonly Command[] = [demoCommand, infoCommand, importCommand, orgCommand];
