/** The answers `spog init` takes when none is given (--yes, or no terminal), stated once for the command and its --help. */
import type { LifecycleName } from '../../schema/card.ts';
import type { Team } from '../../schema/config.ts';

/** The dashboard's title. */
export const DEFAULT_TITLE = 'Machine-learning models';
/** The team of a new registry. */
export const DEFAULT_TEAM: Team = { id: 'data-science', name: 'Data Science' };
/** The example model's id. */
export const EXAMPLE_ID = 'example-model';
/** The lifecycle of a model made by `spog new model`. */
export const DEFAULT_LIFECYCLE: LifecycleName = 'development';
