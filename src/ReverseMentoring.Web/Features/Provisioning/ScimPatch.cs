using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReverseMentoring.Web.Features.Provisioning;

/// <summary>
/// PATCH (RFC 7644 section 3.5.2) applied to the resource as last read: add, replace and remove, with a path (an
/// attribute, a sub-attribute, an enterprise attribute by its URN, <c>emails[type eq "work"].value</c>) or without one
/// (an object of attributes, as Entra ID sends). The patched resource is then read like a PUT's body, so a patch can
/// make nothing a replace could not.
/// </summary>
public static partial class ScimPatch
{
    private const string CorePrefix = Scim.UserSchema + ":";
    private const string EnterprisePrefix = Scim.EnterpriseSchema + ":";

    private static readonly string[] Core = ["userName", "externalId", "displayName", "name", "emails", "active", "title"];
    private static readonly string[] Enterprise = ["department", "employeeNumber", "manager"];
    private static readonly string[] ReadOnly = ["id", "meta", "schemas"];

    // Attributes of the schemas the app does not keep: a patch of them changes nothing.
    private static readonly string[] Ignored =
    [
        "password", "nickName", "profileUrl", "userType", "preferredLanguage", "locale", "timezone", "phoneNumbers", "ims", "photos",
        "addresses", "groups", "entitlements", "roles", "x509Certificates", "costCenter", "organization", "division",
    ];

    public static void Apply(JsonObject resource, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(patch);
        var schemas = Get(patch, "schemas") as JsonArray;
        if (schemas is null || !schemas.Any(s => s is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == Scim.PatchSchema))
        {
            throw ScimException.InvalidSyntax($"A patch must carry the schema {Scim.PatchSchema}.");
        }

        if (Get(patch, "Operations") is not JsonArray operations || operations.Count == 0)
        {
            throw ScimException.InvalidSyntax("A patch must carry a non-empty Operations array.");
        }

        foreach (var item in operations)
        {
            var operation = item as JsonObject ?? throw ScimException.InvalidSyntax("Each operation must be an object.");
            var op = (Get(operation, "op") as JsonValue)?.GetValueKind() == JsonValueKind.String ? Get(operation, "op")!.GetValue<string>().ToLowerInvariant() : null;
            if (op is not ("add" or "replace" or "remove"))
            {
                throw ScimException.InvalidSyntax("Each operation's op must be add, replace or remove.");
            }

            var pathNode = Get(operation, "path");
            if (pathNode is not null && pathNode.GetValueKind() != JsonValueKind.String)
            {
                throw ScimException.InvalidSyntax("An operation's path must be a string.");
            }

            var path = pathNode?.GetValue<string>();
            var value = Get(operation, "value");
            if (string.IsNullOrWhiteSpace(path))
            {
                if (op == "remove")
                {
                    throw new ScimException(StatusCodes.Status400BadRequest, "noTarget", "A remove operation needs a path.");
                }

                var values = value as JsonObject ?? throw ScimException.InvalidSyntax("An operation without a path needs an object as its value.");
                foreach (var (key, attribute) in values)
                {
                    if (key.Equals(Scim.EnterpriseSchema, StringComparison.OrdinalIgnoreCase))
                    {
                        var extension = attribute as JsonObject ?? throw ScimException.InvalidValue($"{Scim.EnterpriseSchema} must be an object.");
                        foreach (var (name, sub) in extension)
                        {
                            Set(resource, Path(EnterprisePrefix + name), op, sub);
                        }
                    }
                    else
                    {
                        Set(resource, Path(key), op, attribute);
                    }
                }
            }
            else
            {
                Set(resource, Path(path), op, value);
            }
        }
    }

    private sealed record Target(bool Enterprise, string Attribute, string? FilterAttribute, string? FilterValue, string? Sub, bool Skip);

    private static Target Path(string path)
    {
        path = path.Trim();
        var enterprise = false;
        if (path.StartsWith(EnterprisePrefix, StringComparison.OrdinalIgnoreCase))
        {
            enterprise = true;
            path = path[EnterprisePrefix.Length..];
        }
        else if (path.StartsWith(CorePrefix, StringComparison.OrdinalIgnoreCase))
        {
            path = path[CorePrefix.Length..];
        }

        var match = PathPattern().Match(path);
        if (!match.Success)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, "invalidPath", $"The path \"{path}\" is not one the app understands.");
        }

        var attribute = match.Groups["attr"].Value;
        if (!enterprise && ReadOnly.FirstOrDefault(a => a.Equals(attribute, StringComparison.OrdinalIgnoreCase)) is { } fixedAttribute)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, "mutability", $"{fixedAttribute} cannot be changed.");
        }

        var known = (enterprise ? Enterprise : Core).FirstOrDefault(a => a.Equals(attribute, StringComparison.OrdinalIgnoreCase));
        var skip = known is null && Ignored.Contains(attribute, StringComparer.OrdinalIgnoreCase);
        if (known is null && !skip)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, "invalidPath",
                $"The attribute {(enterprise ? EnterprisePrefix : "")}{attribute} is not part of the User schema.");
        }

        var filtered = match.Groups["fattr"].Success;
        if (filtered && !skip && known != "emails")
        {
            throw new ScimException(StatusCodes.Status400BadRequest, "invalidFilter", $"Only emails can be filtered in a path, not {attribute}.");
        }

        return new Target(enterprise, known ?? attribute, filtered ? match.Groups["fattr"].Value : null, filtered ? match.Groups["fval"].Value : null,
            match.Groups["sub"].Success ? match.Groups["sub"].Value : null, skip);
    }

    private static void Set(JsonObject resource, Target target, string op, JsonNode? value)
    {
        if (target.Skip)
        {
            return;
        }

        if (op != "remove" && value is null && target.FilterAttribute is null)
        {
            // Replacing with null is removing (RFC 7644 3.5.2.3 treats an unassigned value as no value).
            op = "remove";
        }

        var container = target.Enterprise ? Child(resource, Scim.EnterpriseSchema) : resource;
        var key = target.Attribute;
        value = Normalise(target, value);
        if (target.FilterAttribute is not null)
        {
            SetFiltered(container, target, op, value);
            return;
        }

        if (target.Sub is not null)
        {
            if (op == "remove")
            {
                (Get(container, key) as JsonObject)?.Remove(Existing(Get(container, key) as JsonObject, target.Sub));
                return;
            }

            Child(container, key)[Existing(Get(container, key) as JsonObject, target.Sub)] = value?.DeepClone();
            return;
        }

        var current = Existing(container, key);
        if (op == "remove")
        {
            container.Remove(current);
            return;
        }

        if (value is JsonObject fields && container[current] is JsonObject existing)
        {
            // Sub-attributes not named keep their values (RFC 7644 3.5.2.1 and 3.5.2.3).
            foreach (var (name, field) in fields)
            {
                existing[Existing(existing, name)] = field?.DeepClone();
            }

            return;
        }

        if (op == "add" && container[current] is JsonArray list)
        {
            foreach (var entry in value is JsonArray many ? many.ToList() : [value])
            {
                list.Add(entry?.DeepClone());
            }

            return;
        }

        container.Remove(current);
        container[key] = value?.DeepClone();
    }

    private static void SetFiltered(JsonObject container, Target target, string op, JsonNode? value)
    {
        var list = Get(container, target.Attribute) as JsonArray;
        var matches = list?.OfType<JsonObject>()
            .Where(e => Get(e, target.FilterAttribute!) is JsonValue v && v.GetValueKind() == JsonValueKind.String
                && string.Equals(v.GetValue<string>(), target.FilterValue, StringComparison.OrdinalIgnoreCase))
            .ToList() ?? [];
        if (matches.Count == 0)
        {
            if (op != "add")
            {
                throw new ScimException(StatusCodes.Status400BadRequest, "noTarget", $"No {target.Attribute} matches {target.FilterAttribute} eq \"{target.FilterValue}\".");
            }

            var added = new JsonObject { [target.FilterAttribute!] = target.FilterValue };
            if (target.Sub is not null)
            {
                added[target.Sub] = value?.DeepClone();
            }

            list ??= Child(container, target.Attribute, array: true) as JsonArray;
            list!.Add(added);
            return;
        }

        foreach (var entry in matches)
        {
            if (op == "remove")
            {
                if (target.Sub is null)
                {
                    list!.Remove(entry);
                }
                else
                {
                    entry.Remove(Existing(entry, target.Sub));
                }
            }
            else if (target.Sub is not null)
            {
                entry[Existing(entry, target.Sub)] = value?.DeepClone();
            }
            else if (value is JsonObject fields)
            {
                foreach (var (name, field) in fields)
                {
                    entry[Existing(entry, name)] = field?.DeepClone();
                }
            }
        }
    }

    /// <summary>Entra ID sends active as "False" and a manager as its bare id; both are taken as meant.</summary>
    private static JsonNode? Normalise(Target target, JsonNode? value)
    {
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            var s = text.GetValue<string>();
            if (!target.Enterprise && target.Attribute == "active" && bool.TryParse(s, out var flag))
            {
                return JsonValue.Create(flag);
            }

            if (target.Enterprise && target.Attribute == "manager" && target.Sub is null)
            {
                return new JsonObject { ["value"] = s };
            }
        }

        return value;
    }

    private static JsonNode Child(JsonObject parent, string key, bool array = false)
    {
        var name = Existing(parent, key);
        if (parent[name] is JsonObject or JsonArray)
        {
            return parent[name]!;
        }

        JsonNode created = array ? new JsonArray() : new JsonObject();
        parent[name] = created;
        return created;
    }

    private static JsonObject Child(JsonObject parent, string key) => Child(parent, key, array: false) as JsonObject
        ?? throw ScimException.InvalidValue($"{key} must be an object.");

    /// <summary>The key as the object spells it, or <paramref name="key"/> when it has none: names are case-insensitive.</summary>
    private static string Existing(JsonObject? parent, string key) =>
        parent?.Select(p => p.Key).FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)) ?? key;

    private static JsonNode? Get(JsonObject parent, string key) => parent[Existing(parent, key)];

    [GeneratedRegex("""^(?<attr>[A-Za-z][\w$-]*)(\[\s*(?<fattr>[A-Za-z]\w*)\s+eq\s+"(?<fval>[^"]*)"\s*\])?(\.(?<sub>[A-Za-z$][\w$]*))?$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
