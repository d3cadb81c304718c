/**
 * Makes `suite:deploy` several times cheaper in CPU, with the same files on disk.
 *
 * Hardhat Ignition (0.15) keeps, beside each contract it deploys, a copy of the compiler's
 * build-info: one file per compile job, which holds every source and AST of the job (about 30 MB
 * here). For every contract it reads and parses that file, then serialises and writes it again:
 * seventeen contracts meant about twenty seconds of CPU per deployment, most of a deployment's
 * cost on a local node and a large part of the end-to-end tests'.
 *
 * Two in-process shortcuts, each keyed by what identifies the content:
 *   - a build-info file is parsed once per process (keyed by its path; compiles do not happen
 *     during a deployment);
 *   - a build-info is serialised once per process (keyed by its id, a hash of its content) and
 *     not written again when the deployment folder already holds that file at that length.
 * The journal, the artifacts and the debug files are written exactly as Ignition writes them.
 * Applied only when the installed Ignition has the shape this was written against; otherwise
 * Ignition runs unchanged.
 */
import fs from "node:fs";
import path from "node:path";

interface BuildInfo {
  id: string;
}

interface LoaderShape {
  _initialize(): Promise<void>;
  _paths: { buildInfoDir: string; artifactsDir: string };
  storeBuildInfo(futureId: string, buildInfo: BuildInfo): Promise<void>;
}

interface ResolverShape {
  _hre: unknown;
  _resolvePath(contractName: string): Promise<string | undefined>;
  getBuildInfo(contractName: string): Promise<BuildInfo>;
}

let applied = false;

export function speedUpIgnition(): void {
  if (applied) return;
  applied = true;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { HardhatArtifactResolver } = require("@nomicfoundation/hardhat-ignition/helpers") as {
    HardhatArtifactResolver: { prototype: ResolverShape };
  };
  const coreDir = path.dirname(require.resolve("@nomicfoundation/ignition-core"));
  const loaderFile = path.join(coreDir, "internal", "deployment-loader", "file-deployment-loader.js");
  if (!fs.existsSync(loaderFile)) return;
  const { FileDeploymentLoader } = require(loaderFile) as { FileDeploymentLoader?: { prototype: LoaderShape } };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const resolver = HardhatArtifactResolver?.prototype;
  const loader = FileDeploymentLoader?.prototype;
  if (typeof resolver?._resolvePath !== "function" || typeof loader?._initialize !== "function") return;

  const parsed = new Map<string, BuildInfo>();
  const originalGet = resolver.getBuildInfo;
  resolver.getBuildInfo = async function (this: ResolverShape, contractName: string): Promise<BuildInfo> {
    if (contractName.includes(":")) return originalGet.call(this, contractName);
    const artifactPath = await this._resolvePath(contractName);
    if (artifactPath === undefined) return originalGet.call(this, contractName);
    const debugPath = artifactPath.replace(/\.json$/, ".dbg.json");
    const { buildInfo } = JSON.parse(fs.readFileSync(debugPath, "utf8")) as { buildInfo: string };
    const buildInfoPath = path.join(path.dirname(debugPath), buildInfo);
    let info = parsed.get(buildInfoPath);
    if (!info) {
      info = JSON.parse(fs.readFileSync(buildInfoPath, "utf8")) as BuildInfo;
      parsed.set(buildInfoPath, info);
    }
    return info;
  };

  const serialised = new Map<string, string>();
  loader.storeBuildInfo = async function (this: LoaderShape, futureId: string, buildInfo: BuildInfo): Promise<void> {
    await this._initialize();
    const file = path.join(this._paths.buildInfoDir, `${buildInfo.id}.json`);
    let text = serialised.get(buildInfo.id);
    if (text === undefined) {
      text = JSON.stringify(buildInfo, undefined, 2);
      serialised.set(buildInfo.id, text);
    }
    const written = fs.existsSync(file) && fs.statSync(file).size === Buffer.byteLength(text);
    if (!written) await fs.promises.writeFile(file, text);
    const debugFile = path.join(this._paths.artifactsDir, `${futureId}.dbg.json`);
    const debug = { _format: "hh-sol-dbg-1", buildInfo: path.relative(this._paths.artifactsDir, file) };
    await fs.promises.writeFile(debugFile, JSON.stringify(debug, undefined, 2));
  };
}
