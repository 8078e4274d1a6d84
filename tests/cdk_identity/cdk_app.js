// The same construct trees as tests/cdk_identity/cdk_identity*_test.cpp, in AWS CDK: run with
// aws-cdk-lib from npm to regenerate cdk_ids.json, the logical IDs real CDK gives them.
//   npm install aws-cdk-lib constructs && node tests/cdk_identity/cdk_app.js > tests/cdk_identity/cdk_ids.json
// (on the project's machines aws-cdk-lib is installed in /work/cdk: NODE_PATH=/work/cdk/node_modules).
// One stack per group of constructs; a resource formwork does not make the same way is listed,
// with the reason, in cdk_identity.hpp (kKnownDifferences).
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
const destinations = require('aws-cdk-lib/aws-lambda-destinations');
const iam = require('aws-cdk-lib/aws-iam');
const logs = require('aws-cdk-lib/aws-logs');
const path = require('path');
const s3 = require('aws-cdk-lib/aws-s3');
const s3n = require('aws-cdk-lib/aws-s3-notifications');

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
const undeliverable = new sqs.Queue(topicStack, 'Undeliverable');
const auditTopic = new sns.Topic(topicStack, 'Audit');
auditTopic.addSubscription(new subs.LambdaSubscription(listener, {deadLetterQueue: undeliverable,
  filterPolicy: {kind: sns.SubscriptionFilter.stringFilter({allowlist: ['order']})}}));
auditTopic.addSubscription(new subs.SqsSubscription(inbox, {deadLetterQueue: undeliverable, rawMessageDelivery: true}));

const apiStack = new cdk.Stack(app, 'ProxyApi');
const backend = fn(apiStack, 'Backend');
new apigw.LambdaRestApi(apiStack, 'Api', {handler: backend, cloudWatchRole: false});

const tableStack = new cdk.Stack(app, 'StreamConsumer');
const table = new dynamodb.Table(tableStack, 'Orders', {
  partitionKey: {name: 'id', type: dynamodb.AttributeType.STRING}, stream: dynamodb.StreamViewType.NEW_IMAGE});
const consumer = fn(tableStack, 'Consumer');
consumer.addEventSource(new sources.DynamoEventSource(table, {startingPosition: lambda.StartingPosition.LATEST}));
const poison = new sqs.Queue(tableStack, 'Poison');
const archiver = fn(tableStack, 'Archiver');
archiver.addEventSource(new sources.DynamoEventSource(table, {
  startingPosition: lambda.StartingPosition.TRIM_HORIZON, bisectBatchOnError: true, retryAttempts: 3,
  onFailure: new sources.SqsDlq(poison)}));
const sessions = new dynamodb.Table(tableStack, 'Sessions', {
  partitionKey: {name: 'pk', type: dynamodb.AttributeType.STRING}, sortKey: {name: 'sk', type: dynamodb.AttributeType.NUMBER},
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, timeToLiveAttribute: 'expires', pointInTimeRecoverySpecification: {pointInTimeRecoveryEnabled: true},
  removalPolicy: cdk.RemovalPolicy.DESTROY});
sessions.addGlobalSecondaryIndex({indexName: 'bySk', partitionKey: {name: 'sk', type: dynamodb.AttributeType.NUMBER}});
const reader = fn(tableStack, 'Reader');
sessions.grantReadData(reader);
table.grantWriteData(reader);
sessions.grantReadWriteData(archiver);
table.grantStreamRead(reader);

// S3: a bucket with grants, a bucket policy and notifications to a function, a queue and a topic.
const s3Stack = new cdk.Stack(app, 'UploadPipeline');
const uploads = new s3.Bucket(s3Stack, 'Uploads', {enforceSSL: true, versioned: true});
const ingest = fn(s3Stack, 'Ingest');
uploads.grantReadWrite(ingest);
uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(ingest), {prefix: 'incoming/'});
uploads.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.LambdaDestination(ingest), {prefix: 'incoming/'});
const audit = new sqs.Queue(s3Stack, 'Audit');
uploads.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.SqsDestination(audit), {prefix: 'archive/'});
const images = new sns.Topic(s3Stack, 'Images');
uploads.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(images), {prefix: 'images/', suffix: '.jpg'});
new s3.Bucket(s3Stack, 'Scratch', {removalPolicy: cdk.RemovalPolicy.DESTROY, autoDeleteObjects: true});
new s3.Bucket(s3Stack, 'Observed', {eventBridgeEnabled: true});
const archive = new s3.Bucket(s3Stack, 'Archive');
const auditor = fn(s3Stack, 'Auditor');
archive.grantRead(auditor);
archive.grantPut(ingest);
archive.grantDelete(auditor);
archive.grantWrite(auditor);

// EventBridge: buses, a rule with an event pattern and every kind of target, with a
// dead-letter queue, retries and input transformation.
const eventStack = new cdk.Stack(app, 'EventPipeline');
const bus = new events.EventBus(eventStack, 'Bus');
const central = new events.EventBus(eventStack, 'Central');
const undelivered = new sqs.Queue(eventStack, 'Undelivered');
const stored = new events.Rule(eventStack, 'Stored', {
  eventBus: bus, eventPattern: {source: ['app.uploads'], detailType: ['Object Stored'], detail: {size: [{numeric: ['>', 0]}]}}});
const work = new sqs.Queue(eventStack, 'Work');
stored.addTarget(new targets.SqsQueue(work, {
  deadLetterQueue: undelivered, retryAttempts: 3, maxEventAge: cdk.Duration.hours(2),
  message: events.RuleTargetInput.fromEventPath('$.detail')}));
const notices = new sns.Topic(eventStack, 'Notices');
stored.addTarget(new targets.SnsTopic(notices, {
  deadLetterQueue: undelivered,
  message: events.RuleTargetInput.fromObject({key: events.EventField.fromPath('$.detail.key')})}));
stored.addTarget(new targets.EventBus(central, {deadLetterQueue: undelivered}));
const handler = fn(eventStack, 'Handler');
stored.addTarget(new targets.LambdaFunction(handler, {deadLetterQueue: undelivered, retryAttempts: 2}));
bus.grantPutEventsTo(handler);
new events.Rule(eventStack, 'Forwarded', {eventBus: central, eventPattern: {source: ['app.uploads']}})
  .addTarget(new targets.LambdaFunction(handler));

// Lambda: a layer, a function URL, a version, an alias with its async config and URL, destinations.
const lambdaStack = new cdk.Stack(app, 'FunctionFeatures');
const deps = new lambda.LayerVersion(lambdaStack, 'Deps', {
  code: lambda.Code.fromAsset(path.join(__dirname, '../../examples/handlers/simple_func')),
  compatibleRuntimes: [lambda.Runtime.PYTHON_3_12]});
const done = new sqs.Queue(lambdaStack, 'Done');
const failed = new sns.Topic(lambdaStack, 'Failed');
const web = fn(lambdaStack, 'Web', {
  layers: [deps], deadLetterQueueEnabled: true, tracing: lambda.Tracing.ACTIVE,
  initialPolicy: [new iam.PolicyStatement({actions: ['s3:ListAllMyBuckets'], resources: ['*']})]});
web.addFunctionUrl({authType: lambda.FunctionUrlAuthType.NONE, cors: {allowedOrigins: ['*']}});
const v1 = new lambda.Version(lambdaStack, 'WebV1', {lambda: web});
const live = new lambda.Alias(lambdaStack, 'Live', {aliasName: 'live', version: v1, retryAttempts: 0,
  onFailure: new destinations.SqsDestination(done)});
live.addFunctionUrl({authType: lambda.FunctionUrlAuthType.NONE});
const privateFn = fn(lambdaStack, 'Private');
privateFn.addFunctionUrl();
fn(lambdaStack, 'Notifier', {
  onSuccess: new destinations.SqsDestination(done), onFailure: new destinations.SnsDestination(failed),
  maxEventAge: cdk.Duration.hours(1)});
fn(lambdaStack, 'Chained', {onSuccess: new destinations.LambdaDestination(privateFn),
  onFailure: new destinations.EventBridgeDestination()});
const sharedRole = new iam.Role(lambdaStack, 'Shared', {assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com')});
const own = fn(lambdaStack, 'Own', {role: sharedRole, deadLetterQueue: done});
failed.grantPublish(own);
fn(lambdaStack, 'Logged', {logRetention: logs.RetentionDays.FIVE_DAYS});

// API Gateway: a RestApi with resources, a Lambda integration and CDK's default CloudWatch role.
const restStack = new cdk.Stack(app, 'SquareApi');
const square = fn(restStack, 'Square');
const rest = new apigw.RestApi(restStack, 'Api', {cloudWatchRole: true});
rest.root.addResource('square').addResource('{number}').addMethod('GET', new apigw.LambdaIntegration(square));
rest.root.addMethod('POST', new apigw.LambdaIntegration(square, {allowTestInvoke: false}));

// A function behind 10 methods of one API: formwork folds its permissions into one for the API
// (the 20 KB resource policy), which CDK does when asked (scopePermissionToMethod: false), for
// 'Api'; 'Legacy' keeps CDK's default, one permission per method (a documented difference).
const manyStack = new cdk.Stack(app, 'ManyMethods');
const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];
for (const [apiId, handlerId, scoped] of [['Api', 'Handler', false], ['Legacy', 'Old', true]]) {
  const api = new apigw.RestApi(manyStack, apiId, {cloudWatchRole: false});
  const integration = new apigw.LambdaIntegration(fn(manyStack, handlerId),
    {scopePermissionToMethod: scoped, allowTestInvoke: false});
  for (const m of methods) api.root.addMethod(m, integration);
  const items = api.root.addResource('items');
  for (const m of methods.slice(0, 3)) items.addMethod(m, integration);
}

const assembly = app.synth();
const out = {'aws-cdk-lib': require('aws-cdk-lib/package.json').version, stacks: {}};
for (const stack of assembly.stacks) {
  out.stacks[stack.stackName] = {};
  for (const [id, resource] of Object.entries(stack.template.Resources).sort())
    out.stacks[stack.stackName][id] = resource.Type;
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
