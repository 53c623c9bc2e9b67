import type { FunctionName } from '@rapport/blueprint';
import type { Template } from 'aws-cdk-lib/assertions';
import { functionTag } from '../../infra/constructs/functions';
import { stateMachineTag } from '../../infra/constructs/state-machines';

// Reads back, from a synthesized template, which blueprint entry each
// resource came from. Resources name their entry with a tag.

type Properties = Record<string, unknown>;

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

interface Tag {
  Key: string;
  Value: string;
}

/** The logical id and properties of every resource of one type. */
export const resourcesOf = (
  template: Template,
  type: string,
): [string, Properties][] =>
  Object.entries(template.findResources(type)).map(([id, resource]) => [
    id,
    (resource as { Properties: Properties }).Properties,
  ]);

/** The logical id that `{ "Fn::GetAtt": [id, ...] }` points at. */
export const getAttId = (value: unknown): string =>
  (value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

/** The logical id that `{ "Ref": id }` points at. */
export const refId = (value: unknown): string => (value as { Ref: string }).Ref;

const tagValue = (properties: Properties, key: string): string | undefined =>
  (properties.Tags as Tag[] | undefined)?.find((tag) => tag.Key === key)?.Value;

const namesById = (template: Template, type: string, key: string) =>
  new Map(
    resourcesOf(template, type).map(([id, properties]) => [
      id,
      tagValue(properties, key) ?? `untagged ${id}`,
    ]),
  );

/** Blueprint function names, by the logical id of their Lambda function. */
export const functionNamesById = (template: Template) =>
  namesById(template, 'AWS::Lambda::Function', functionTag) as Map<
    string,
    FunctionName
  >;

/** State machine names, by logical id. */
export const stateMachineNamesById = (template: Template) =>
  namesById(template, 'AWS::StepFunctions::StateMachine', stateMachineTag);

/** The logical id of a blueprint function's Lambda function. */
export const functionIdOf = (template: Template, name: FunctionName) => {
  const found = [...functionNamesById(template)].find(
    ([, value]) => value === name,
  );

  if (!found) throw new Error(`No function tagged ${name}`);

  return found[0];
};

/** Every policy statement attached to a function's execution role. */
export const statementsOf = (
  template: Template,
  name: FunctionName,
): Statement[] => {
  const fnId = functionIdOf(template, name);
  const [, fn] = resourcesOf(template, 'AWS::Lambda::Function').find(
    ([id]) => id === fnId,
  ) ?? ['', {}];
  const roleId = getAttId(fn.Role);

  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      (policy.Roles as unknown[]).some((role) => refId(role) === roleId),
    )
    .flatMap(([, policy]) => {
      const document = policy.PolicyDocument as { Statement: Statement[] };

      return document.Statement;
    });
};

/** The IAM actions a function's role allows. */
export const actionsOf = (template: Template, name: FunctionName) =>
  statementsOf(template, name).flatMap((statement) =>
    [statement.Action].flat(),
  );
