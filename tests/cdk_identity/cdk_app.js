// The same construct trees as tests/cdk_identity/cdk_identity_test.cpp, in AWS CDK: run with
// aws-cdk-lib from npm to regenerate cdk_ids.json, the logical IDs real CDK gives them.
//   npm install aws-cdk-lib constructs && node tests/cdk_identity/cdk_app.js > tests/cdk_identity/cdk_ids.json
const cdk = require('aws-cdk-lib');
const apigw = require('aws-cdk-lib/aws-apigateway');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const events = require('aws-cdk-lib/aws-events');
const lambda = require('aws-cdk-lib/aws-lambda');
const sources = require('aws-cdk-lib/aws-lambda-event-sources');
const sns = require('aws-cdk-lib/aws-sns');
const subs = require('aws-cdk-lib/aws-sns-subscriptions');
const sqs = require('aws-cdk-lib/aws-sqs');
const targets = require('aws-cdk-lib/aws-events-targets');

const app = new cdk.App();
const fn = (scope, id, extra = {}) => new lambda.Function(scope, id, {
  runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromInline('x'), ...extra});

const jobsStack = new cdk.Stack(app, 'SqsToLambda');
const jobs = new sqs.Queue(jobsStack, 'Jobs');
const worker = fn(jobsStack, 'Worker', {retryAttempts: 2});
worker.addEventSource(new sources.SqsEventSource(jobs, {batchSize: 10}));
new events.Rule(jobsStack, 'Schedule', {schedule: events.Schedule.rate(cdk.Duration.minutes(5))})
  .addTarget(new targets.LambdaFunction(worker));

const topicStack = new cdk.Stack(app, 'SnsToLambda');
const topic = new sns.Topic(topicStack, 'Topic');
const listener = fn(topicStack, 'Listener');
topic.addSubscription(new subs.LambdaSubscription(listener));
const inbox = new sqs.Queue(topicStack, 'Inbox');
topic.addSubscription(new subs.SqsSubscription(inbox));

const apiStack = new cdk.Stack(app, 'ProxyApi');
const backend = fn(apiStack, 'Backend');
new apigw.LambdaRestApi(apiStack, 'Api', {handler: backend, cloudWatchRole: false});

const tableStack = new cdk.Stack(app, 'StreamConsumer');
const table = new dynamodb.Table(tableStack, 'Orders', {
  partitionKey: {name: 'id', type: dynamodb.AttributeType.STRING}, stream: dynamodb.StreamViewType.NEW_IMAGE});
const consumer = fn(tableStack, 'Consumer');
consumer.addEventSource(new sources.DynamoEventSource(table, {startingPosition: lambda.StartingPosition.LATEST}));

const assembly = app.synth();
const out = {'aws-cdk-lib': require('aws-cdk-lib/package.json').version, stacks: {}};
for (const stack of assembly.stacks) {
  out.stacks[stack.stackName] = {};
  for (const [id, resource] of Object.entries(stack.template.Resources).sort())
    out.stacks[stack.stackName][id] = resource.Type;
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
