import type { PipelineChanges } from '@rapport/events';
import type { Pipeline, Stage } from './pipeline.schema';

type StageField = 'name' | 'probability' | 'stalledAfterDays';

const changedField = <F extends StageField>(
  before: Stage[],
  after: Stage[],
  field: F,
) =>
  after.flatMap((stage) => {
    const old = before.find((s) => s.id === stage.id);

    return old && old[field] !== stage[field]
      ? [{ stageId: stage.id, from: old[field], to: stage[field] }]
      : [];
  });

/**
 * What turned `current` into `next`, as `pipeline.updated` reports it.
 * Stages are reordered when the stages both lists keep are not in the same
 * relative order; adding or deleting a stage alone is not a reorder.
 */
export const pipelineChanges = (
  current: Pipeline,
  next: Pipeline,
  moveDealsTo: Record<string, string>,
): PipelineChanges => {
  const before = current.stages;
  const after = next.stages;
  const isKept = (stage: Stage) => after.some((s) => s.id === stage.id);
  const keptBefore = before.filter(isKept).map((s) => s.id);
  const keptAfter = after
    .filter((stage) => before.some((s) => s.id === stage.id))
    .map((s) => s.id);

  return {
    name:
      current.name === next.name ? null : { from: current.name, to: next.name },
    stagesAdded: after.flatMap((stage, position) =>
      before.some((s) => s.id === stage.id) ? [] : [{ ...stage, position }],
    ),
    stagesRemoved: before
      .filter((stage) => !isKept(stage))
      .map((stage) => ({
        stageId: stage.id,
        name: stage.name,
        dealsMovedTo: moveDealsTo[stage.id] ?? null,
      })),
    stagesRenamed: changedField(before, after, 'name'),
    stagesReordered:
      keptBefore.join() === keptAfter.join()
        ? null
        : { from: before.map((s) => s.id), to: after.map((s) => s.id) },
    probabilityChanged: changedField(before, after, 'probability'),
    stalledAfterDaysChanged: changedField(before, after, 'stalledAfterDays'),
  };
};
