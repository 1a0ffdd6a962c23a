/**
 * Priors from published figures (product.md §1) for the rate ratio at 100% vs 0% AI share, as normal
 * priors on its logarithm. None of these studies measured that exact estimand in one org, so each
 * prior is centred on the study's figure read as "what full AI use does to this rate" and given a
 * wide standard deviation (0.25 on the log scale: a 90% prior interval of roughly ÷1.5 … ×1.5 around
 * the centre), so a workspace with real data overrides it and a thin one is pulled towards it.
 * docs/methods.md explains each conversion.
 */
import type { EffectOutcome, EffectPrior } from '../../shared/domain';
import { normalQuantile } from '../stats/distributions';

/** One standard deviation on the log rate ratio for every published prior. */
export const PRIOR_LOG_SD = 0.25;

interface PublishedPrior {
  logMean: number;
  source: string;
  derivation: string;
}

/** DORA 2024: −7.2% delivery stability per +25% AI adoption ⇒ ×(1/0.928)^4 failure-type events at 100%. */
const DORA_STABILITY_LOG_RR = 4 * -Math.log(1 - 0.072);

export const PUBLISHED_PRIORS: Readonly<Record<EffectOutcome, PublishedPrior>> = {
  incidents: {
    logMean: Math.log(1.235),
    source: 'Cortex, Engineering in the Age of AI: 2026 Benchmark Report (+23.5% incidents per PR, year on year)',
    derivation:
      'Centre ln(1.235) = 0.211: the +23.5% year-on-year rise in incidents per PR read as the effect of moving to full AI use. ' +
      `Consistent with DORA 2024 (−7.2% stability per +25% adoption ⇒ ×${Math.exp(DORA_STABILITY_LOG_RR).toFixed(2)} at 100%). ` +
      `SD ${PRIOR_LOG_SD} on the log scale because a year-on-year industry change is not a within-org 0%→100% contrast.`,
  },
  bugs: {
    logMean: Math.log(1.09),
    source: 'Faros AI, The AI Productivity Paradox (2025): high-AI teams +9% bugs per developer',
    derivation:
      'Centre ln(1.09) = 0.086: +9% bugs for high-AI teams. Faros counts bugs per developer, not per merged PR; since its high-AI teams ' +
      'also merged +98% PRs, a per-PR reading would even point below 1, so the centre is kept mild and the ' +
      `SD wide (${PRIOR_LOG_SD} on the log scale).`,
  },
  reverts: {
    logMean: DORA_STABILITY_LOG_RR,
    source: 'DORA, Accelerate State of DevOps 2024: every +25% AI adoption ≈ −7.2% delivery stability',
    derivation:
      `Centre 4 × −ln(1 − 0.072) = ${DORA_STABILITY_LOG_RR.toFixed(3)} (×${Math.exp(DORA_STABILITY_LOG_RR).toFixed(2)}): four +25% steps from 0% to 100% adoption, ` +
      'with stability read as the inverse of the rate of failed changes and rework, of which reverts are the visible part. ' +
      `SD ${PRIOR_LOG_SD} on the log scale: DORA's adoption is a survey measure, not a line share.`,
  },
  change_failures: {
    logMean: Math.log(1.3),
    source: 'Cortex, Engineering in the Age of AI: 2026 Benchmark Report (~+30% change failure rate, year on year)',
    derivation:
      'Centre ln(1.30) = 0.262: the ~+30% year-on-year change failure rate read as the effect of full AI use; ' +
      `DORA 2024 stability gives ×${Math.exp(DORA_STABILITY_LOG_RR).toFixed(2)}, close to it. SD ${PRIOR_LOG_SD} on the log scale.`,
  },
};

const Z90 = normalQuantile(0.95);

export function publishedPrior(outcome: EffectOutcome): EffectPrior {
  const p = PUBLISHED_PRIORS[outcome];
  return {
    rateRatio: Math.exp(p.logMean),
    ci90: [Math.exp(p.logMean - Z90 * PRIOR_LOG_SD), Math.exp(p.logMean + Z90 * PRIOR_LOG_SD)],
    logMean: p.logMean,
    logSd: PRIOR_LOG_SD,
    source: p.source,
    derivation: p.derivation,
  };
}
