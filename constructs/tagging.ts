/**
 * Mandatory tags on every taggable resource in a stack, applied by a cdktf Aspect so that a
 * resource added later (by any construct, in any file) is tagged without anyone remembering to.
 *
 * A resource is taggable when its provider class has a `tags` argument. Tags a construct set itself
 * are kept; the mandatory tags win over them, so a construct cannot remove or change
 * `force`, `classification`, `cost-centre` or `managed-by`.
 */
import { Aspects, type IAspect, TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import { MAX_TAGS_PER_RESOURCE } from '../util/azure-tags';

export interface MandatoryTagsProps {
  /** Tags every taggable resource must carry; these override tags set by constructs. */
  readonly tags: Record<string, string>;
  /**
   * Tag keys that must be present in `tags`; a missing one is an error at synth time.
   * @default - no check
   */
  readonly requiredKeys?: readonly string[];
}

/** Azure's limit on tags per resource (util/azure-tags.ts has the source). */
const MAX_TAGS = MAX_TAGS_PER_RESOURCE;

interface Taggable {
  tags: Record<string, string> | undefined;
  readonly tagsInput: Record<string, string> | undefined;
}

function isTaggable(node: IConstruct): node is TerraformResource & Taggable {
  return TerraformResource.isTerraformResource(node) && 'tagsInput' in node;
}

/** The Aspect that writes the tags. Use {@link applyMandatoryTags} rather than constructing it. */
export class MandatoryTags implements IAspect {
  private readonly tags: Record<string, string>;

  constructor(props: MandatoryTagsProps) {
    const missing = (props.requiredKeys ?? []).filter((k) => !props.tags[k]);
    if (missing.length > 0)
      throw new Error(
        `MandatoryTags: tags must include ${missing.join(', ')} (got ${Object.keys(props.tags).join(', ') || 'none'})`,
      );
    const tooLong = Object.entries(props.tags).filter(([k, v]) => k.length > 512 || v.length > 256);
    if (tooLong.length > 0)
      throw new Error(`MandatoryTags: tag ${tooLong[0][0]} exceeds Azure's limits (key 512, value 256 characters)`);
    this.tags = { ...props.tags };
  }

  visit(node: IConstruct): void {
    if (!isTaggable(node)) return;
    const merged = { ...(node.tagsInput ?? {}), ...this.tags };
    if (Object.keys(merged).length > MAX_TAGS) {
      throw new Error(
        `MandatoryTags: ${node.node.path} would carry ${Object.keys(merged).length} tags; Azure allows ${MAX_TAGS}`,
      );
    }
    node.tags = merged;
  }
}

/** Tags every taggable resource under `scope` (normally a whole stack). */
export function applyMandatoryTags(scope: IConstruct, props: MandatoryTagsProps): void {
  Aspects.of(scope).add(new MandatoryTags(props));
}
