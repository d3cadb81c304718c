import type { HardhatRuntimeEnvironment } from "hardhat/types";

import type { GasRecorder } from "../lib";
import { measureCommunities } from "./communities";
import { measureContributions } from "./contributions";
import { measureFederation } from "./federation";
import { measureFunding, measureFundingAtScale } from "./funding";
import { measureLicensing } from "./licensing";
import { measureReference } from "./reference";

export interface OperationGroup {
  name: string;
  /** Core groups are re-measured by the gas regression check in `npm test`; slow ones are not. */
  core: boolean;
  measure(hre: HardhatRuntimeEnvironment, rec: GasRecorder): Promise<void>;
}

export const OPERATION_GROUPS: OperationGroup[] = [
  { name: "reference", core: true, measure: measureReference },
  { name: "communities", core: true, measure: measureCommunities },
  { name: "contributions", core: true, measure: measureContributions },
  { name: "funding", core: true, measure: measureFunding },
  { name: "licensing", core: true, measure: measureLicensing },
  { name: "federation", core: true, measure: measureFederation },
  { name: "funding at scale", core: false, measure: (hre, rec) => measureFundingAtScale(hre, rec) },
];
