import * as pipeline from '~/domain/applications/pipeline'

// An application's fixed lists as a select's choices, in the order the pipeline lists them, for the forms
// and the filters that offer them.

const { options } = pipeline

export const stageChoices = options(pipeline.stages, pipeline.stageLabels)
export const outcomeChoices = options(pipeline.outcomes, pipeline.outcomeLabels)
export const seniorityChoices = options(pipeline.seniorities, pipeline.seniorityLabels)
export const sourceChoices = options(pipeline.sources, pipeline.sourceLabels)
export const workModeChoices = options(pipeline.workModes, pipeline.workModeLabels)
export const endedByChoices = options(pipeline.endedBy, pipeline.endedByLabels)
export const reasonChoices = options(pipeline.rejectionReasons, pipeline.reasonLabels)
