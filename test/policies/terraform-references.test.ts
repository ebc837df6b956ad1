import { expressionReferences, templateReferences } from '../../policies/terraform-references';

const addresses = (text: string, bound?: ReadonlySet<string>) => templateReferences(text, bound).map((r) => r.address);

describe('templateReferences', () => {
  it('finds a resource of any provider type, with its kind', () => {
    expect(templateReferences('${azurerm_subnet.Workloads_1A2B.id}')).toEqual([
      { kind: 'resource', address: 'azurerm_subnet.Workloads_1A2B' },
    ]);
    expect(addresses('${aws_s3_bucket.logs.arn}-${google_project.p.id}')).toEqual([
      'aws_s3_bucket.logs',
      'google_project.p',
    ]);
  });

  it('finds data sources, ephemeral resources, variables, locals and modules by their own prefixes', () => {
    expect(
      templateReferences(
        '${data.azurerm_client_config.Current.tenant_id} ${ephemeral.random_password.p.result} ${var.key} ${local.tags} ${module.hub.vnet_id}',
      ),
    ).toEqual([
      { kind: 'data', address: 'data.azurerm_client_config.Current' },
      { kind: 'ephemeral', address: 'ephemeral.random_password.p' },
      { kind: 'var', address: 'var.key' },
      { kind: 'local', address: 'local.tags' },
      { kind: 'module', address: 'module.hub' },
    ]);
  });

  it('reads no reference in literal text, in quoted strings inside an expression, or in escaped interpolations', () => {
    expect(addresses('azurerm_firewall.Hub is named here as text')).toEqual([]);
    // The string literal names Microsoft.SecurityInsights, which a pattern would take for a resource.
    expect(
      addresses('${element(split("/providers/Microsoft.SecurityInsights/", azurerm_sentinel_x.S.id), 0)}'),
    ).toEqual(['azurerm_sentinel_x.S']);
    expect(addresses('$${azurerm_firewall.Hub.id} and %%{ if var.x }')).toEqual([]);
    expect(addresses('${"a \\"quoted\\" azurerm_x.y"}')).toEqual([]);
  });

  it('finds references inside a quoted string nested in an expression, and in template directives', () => {
    expect(addresses('${"id: ${azurerm_key_vault.Kv.id}"}')).toEqual(['azurerm_key_vault.Kv']);
    expect(addresses('%{ if var.enabled }on%{ else }${local.off}%{ endif }')).toEqual(['var.enabled', 'local.off']);
  });

  it('skips attributes, function names, provider functions, numbers and the roots Terraform defines', () => {
    expect(addresses('${lower(azurerm_x.a.name)}')).toEqual(['azurerm_x.a']);
    expect(addresses('${provider::azurerm::normalise_resource_id(var.id)}')).toEqual(['var.id']);
    expect(
      addresses('${count.index + 1.5e3} ${each.value.name} ${self.id} ${path.module} ${terraform.workspace}'),
    ).toEqual([]);
    // `.0.` is the legacy index: `name` after it is an attribute, not a new root.
    expect(addresses('${azurerm_x.a.0.name.length}')).toEqual(['azurerm_x.a']);
    expect(addresses('${true ? null : false}')).toEqual([]);
  });

  it("binds a for expression's variables and a dynamic block's iterator", () => {
    expect(addresses('${[for s in azurerm_subnet.All : s.id]}')).toEqual(['azurerm_subnet.All']);
    expect(addresses('${{for k, v in local.tags : k => v.value}}')).toEqual(['local.tags']);
    expect(addresses('%{ for t in var.list }${t.name}%{ endfor }')).toEqual(['var.list']);
    expect(addresses('${rule.value.port}', new Set(['rule']))).toEqual([]);
    expect(addresses('${rule.value.port}')).toEqual(['rule.value']);
  });

  it('reads a dash as part of a name, as HCL does', () => {
    expect(addresses('${azurerm_x.name-with-dash.id}')).toEqual(['azurerm_x.name-with-dash']);
  });

  it('reads the body of a heredoc as a template', () => {
    expect(addresses('${<<EOT\nliteral Microsoft.Network ${azurerm_x.h.id}\nEOT\n}')).toEqual(['azurerm_x.h']);
  });

  it('lists each address once, in order of appearance', () => {
    expect(addresses('${azurerm_x.b.id}${azurerm_x.a.id}${azurerm_x.b.name}')).toEqual(['azurerm_x.b', 'azurerm_x.a']);
  });
});

describe('expressionReferences', () => {
  it('reads a bare address as depends_on and replace_triggered_by write it', () => {
    expect(expressionReferences('azurerm_private_endpoint.Kv_1DDEA665')).toEqual([
      { kind: 'resource', address: 'azurerm_private_endpoint.Kv_1DDEA665' },
    ]);
    expect(expressionReferences('data.azurerm_client_config.Current').map((r) => r.address)).toEqual([
      'data.azurerm_client_config.Current',
    ]);
    expect(expressionReferences('module.hub').map((r) => r.address)).toEqual(['module.hub']);
  });
});
