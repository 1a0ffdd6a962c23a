import type { FormatImporter } from '../../types';
import { ghPrJson } from './gh-pr-json';
import { restCommits } from './rest-commits';
import { restDeployments, restDeploymentStatuses } from './rest-deployments';
import { restIssues, restPulls } from './rest-pulls';
import { restReviews } from './rest-reviews';

/** GitHub exports: gh CLI JSON and REST dumps saved by `gh api --paginate`. */
export const githubImporters: readonly FormatImporter[] = [ghPrJson, restPulls, restIssues, restReviews, restCommits, restDeployments, restDeploymentStatuses];
