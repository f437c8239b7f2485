/** The function's facts, all blank: the memory scripts' invocations read no environment. */
export const blankEnvironment = {
  functionName: "",
  functionVersion: "",
  memoryLimitInMB: 0,
  logGroupName: "",
  logStreamName: "",
};
