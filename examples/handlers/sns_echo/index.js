// Logs each SNS message it receives. SNS invokes it asynchronously, one record per call;
// throwing makes Lambda retry, then send the event to the on-failure destination.
exports.handler = async (event) => {
  const stage = process.env.STAGE;
  for (const record of event.Records || []) {
    const { MessageId, Subject, Message, TopicArn } = record.Sns;
    if (Message === undefined || Message === "") throw new Error(`empty message ${MessageId} from ${TopicArn}`);
    console.log(JSON.stringify({ stage, messageId: MessageId, subject: Subject || null, message: Message }));
  }
  return { processed: (event.Records || []).length };
};
