/**
 * Stands in for the `archiver` package inside the synthesis bundle (scripts/bundle.ts). cdktf
 * requires it when it loads, for one thing: zipping the folder of a `TerraformAsset` with type
 * ARCHIVE. Blue Lamp makes no assets, and loading archiver and its streams cost about 30 ms of
 * every process that synthesises. Should an asset ever be archived, this says so rather than
 * zipping nothing.
 */
function archiver(): never {
  throw new Error(
    'archiver is not in the Blue Lamp bundle (scripts/archiver-stub.ts): a TerraformAsset of type ARCHIVE needs it',
  );
}

export = archiver;
