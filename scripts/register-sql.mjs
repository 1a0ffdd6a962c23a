// Registers the .sql module hook for plain-Node entry points (CLI, browser-mode host).
import { register } from 'node:module';

register('./sql-loader.mjs', import.meta.url);
