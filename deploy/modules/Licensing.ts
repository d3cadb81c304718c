import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Reciprocity licences and the income membrane: the shared licence registry (one per network) and
 * the Membrane implementation that the community factory clones for each community.
 */
const LicensingModule = buildModule("Licensing", (m) => {
  const licenceRegistry = m.contract("LicenceRegistry", [], { id: "LicenceRegistry" });
  const membraneImpl = m.contract("Membrane", [], { id: "MembraneImpl" });
  return { licenceRegistry, membraneImpl };
});

export default LicensingModule;
