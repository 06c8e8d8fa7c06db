import {
  endedBy,
  endedByLabels,
  options,
  outcomeLabels,
  outcomes,
  reasonLabels,
  rejectionReasons,
  seniorities,
  seniorityLabels,
  sourceLabels,
  sources,
  stageLabels,
  stages,
  workModeLabels,
  workModes,
} from '~/domain/applications/pipeline'

// An application's fixed lists as a select's choices, in the order the pipeline lists them, for the forms
// and the filters that offer them.

export const stageChoices = options(stages, stageLabels)
export const outcomeChoices = options(outcomes, outcomeLabels)
export const seniorityChoices = options(seniorities, seniorityLabels)
export const sourceChoices = options(sources, sourceLabels)
export const workModeChoices = options(workModes, workModeLabels)
export const endedByChoices = options(endedBy, endedByLabels)
export const reasonChoices = options(rejectionReasons, reasonLabels)
