using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReverseMentoring.Web.Features.Provisioning;

/// <summary>
/// A SCIM User as the app takes it: the core attributes it keeps, and the enterprise extension's department, employee
/// number and manager. <c>title</c> is the person's job level on the org chart.
/// </summary>
public sealed record ScimUser(
    string UserName,
    string? ExternalId,
    string? GivenName,
    string? FamilyName,
    string? Formatted,
    string? DisplayName,
    bool? Active,
    string? Title,
    string? Department,
    string? EmployeeNumber,
    string? ManagerId,
    string? Id)
{
    /// <summary>The org-chart attributes; a person the directory sends none of them for gets no org-chart entry.</summary>
    public bool HasPlace => Title is not null || Department is not null || EmployeeNumber is not null || ManagerId is not null;

    /// <summary>The name the app shows: displayName, else name.formatted, else given and family name, else the e-mail.</summary>
    public string ShownName()
    {
        var given = string.Join(" ", new[] { GivenName, FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var name = DisplayName ?? Formatted ?? (given.Length > 0 ? given : UserName);
        return name.Trim();
    }

    // Core attributes of RFC 7643 that the app does not keep: accepted and ignored, so a directory's default mapping works.
    // A password among them: people sign in through single sign-on or set their own; the directory's is never stored.
    private static readonly HashSet<string> IgnoredCore = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "nickName", "profileUrl", "userType", "preferredLanguage", "locale", "timezone", "phoneNumbers", "ims", "photos",
        "addresses", "groups", "entitlements", "roles", "x509Certificates",
    };

    private static readonly HashSet<string> IgnoredEnterprise = new(StringComparer.OrdinalIgnoreCase)
    {
        "costCenter", "organization", "division",
    };

    private static readonly string[] NameParts = ["givenName", "familyName", "formatted", "middleName", "honorificPrefix", "honorificSuffix"];

    /// <summary>
    /// Reads a User resource; unknown attributes, wrong types and bad values are refused (400) rather than ignored, so
    /// that a directory's mapping mistake shows at once. Attribute names are case-insensitive, as RFC 7643 says.
    /// </summary>
    public static ScimUser Parse(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        string? userName = null, externalId = null, displayName = null, title = null, id = null;
        string? given = null, family = null, formatted = null, department = null, employeeNumber = null, manager = null;
        bool? active = null;
        var schemasSeen = false;
        foreach (var (key, value) in body)
        {
            if (key.Equals(Scim.EnterpriseSchema, StringComparison.OrdinalIgnoreCase))
            {
                if (value is null)
                {
                    continue;
                }

                var enterprise = value as JsonObject ?? throw Wrong(key, "an object");
                foreach (var (attribute, item) in enterprise)
                {
                    switch (attribute.ToLowerInvariant())
                    {
                        case "department": department = Text(item, "department"); break;
                        case "employeenumber": employeeNumber = Text(item, "employeeNumber"); break;
                        case "manager": manager = Manager(item); break;
                        default:
                            if (!IgnoredEnterprise.Contains(attribute))
                            {
                                throw Unknown($"{Scim.EnterpriseSchema}:{attribute}");
                            }

                            break;
                    }
                }

                continue;
            }

            switch (key.ToLowerInvariant())
            {
                case "schemas":
                    var schemas = value as JsonArray ?? throw Wrong("schemas", "an array of schema URNs");
                    var names = schemas.Select(s => s is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw Wrong("schemas", "an array of schema URNs")).ToList();
                    if (!names.Contains(Scim.UserSchema, StringComparer.OrdinalIgnoreCase))
                    {
                        throw ScimException.InvalidSyntax($"schemas must include {Scim.UserSchema}.");
                    }

                    if (names.FirstOrDefault(n => !n.Equals(Scim.UserSchema, StringComparison.OrdinalIgnoreCase) && !n.Equals(Scim.EnterpriseSchema, StringComparison.OrdinalIgnoreCase)) is { } other)
                    {
                        throw ScimException.InvalidSyntax($"The schema {other} is not supported.");
                    }

                    schemasSeen = true;
                    break;
                case "id": id = Text(value, "id"); break;
                case "meta": break;
                case "username": userName = Text(value, "userName"); break;
                case "externalid": externalId = Text(value, "externalId"); break;
                case "displayname": displayName = Text(value, "displayName"); break;
                case "title": title = Text(value, "title"); break;
                case "active": active = Flag(value, "active"); break;
                case "emails": Emails(value); break;
                case "name":
                    if (value is null)
                    {
                        break;
                    }

                    var name = value as JsonObject ?? throw Wrong("name", "an object");
                    foreach (var (part, item) in name)
                    {
                        var known = NameParts.FirstOrDefault(p => p.Equals(part, StringComparison.OrdinalIgnoreCase)) ?? throw Unknown($"name.{part}");
                        var text = Text(item, $"name.{known}");
                        switch (known)
                        {
                            case "givenName": given = text; break;
                            case "familyName": family = text; break;
                            case "formatted": formatted = text; break;
                        }
                    }

                    break;
                default:
                    if (!IgnoredCore.Contains(key))
                    {
                        throw Unknown(key);
                    }

                    break;
            }
        }

        if (!schemasSeen)
        {
            throw ScimException.InvalidSyntax($"schemas is required and must include {Scim.UserSchema}.");
        }

        if (string.IsNullOrWhiteSpace(userName))
        {
            throw ScimException.InvalidValue("userName is required: the person's work e-mail address.");
        }

        userName = userName.Trim();
        if (userName.Length > OrgChartEntry.EmailMaxLength || !MailAddress.TryCreate(userName, out var address) || address.Address != userName)
        {
            throw ScimException.InvalidValue($"userName must be the person's work e-mail address; \"{userName}\" is not one.");
        }

        var user = new ScimUser(userName, externalId, given, family, formatted, displayName, active, title, department, employeeNumber, manager, id);
        if (user.ShownName().Length > AppUser.DisplayNameMaxLength)
        {
            throw ScimException.InvalidValue($"displayName is at most {AppUser.DisplayNameMaxLength} characters.");
        }

        foreach (var (field, text) in new[] { ("title", title), ("department", department), ("employeeNumber", employeeNumber), ("name.givenName", given), ("name.familyName", family) })
        {
            if (text?.Length > OrgChartEntry.TextMaxLength)
            {
                throw ScimException.InvalidValue($"{field} is at most {OrgChartEntry.TextMaxLength} characters.");
            }
        }

        if (externalId?.Length > ProvisionedAccount.ExternalIdMaxLength)
        {
            throw ScimException.InvalidValue($"externalId is at most {ProvisionedAccount.ExternalIdMaxLength} characters.");
        }

        return user;
    }

    /// <summary>The resource as the directory reads it back.</summary>
    public static JsonObject Render(ProvisionedAccount account, AppUser user, OrgChartEntry? place, string? managerId, string location)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(user);
        var name = new JsonObject { ["formatted"] = user.DisplayName };
        if (account.GivenName is not null)
        {
            name["givenName"] = account.GivenName;
        }

        if (account.FamilyName is not null)
        {
            name["familyName"] = account.FamilyName;
        }

        var resource = new JsonObject
        {
            ["schemas"] = new JsonArray(Scim.UserSchema, Scim.EnterpriseSchema),
            ["id"] = account.Id,
            ["userName"] = user.Email,
            ["name"] = name,
            ["displayName"] = user.DisplayName,
            ["emails"] = new JsonArray(new JsonObject { ["value"] = user.Email, ["type"] = "work", ["primary"] = true }),
            ["active"] = account.Active,
        };
        if (account.ExternalId is not null)
        {
            resource["externalId"] = account.ExternalId;
        }

        if (place is not null)
        {
            if (place.JobLevel.Length > 0)
            {
                resource["title"] = place.JobLevel;
            }

            var enterprise = new JsonObject();
            if (place.Department.Length > 0)
            {
                enterprise["department"] = place.Department;
            }

            if (place.EmployeeNumber is not null)
            {
                enterprise["employeeNumber"] = place.EmployeeNumber;
            }

            if (managerId is not null)
            {
                enterprise["manager"] = new JsonObject { ["value"] = managerId, ["$ref"] = ScimLinks.Sibling(location, managerId) };
            }

            resource[Scim.EnterpriseSchema] = enterprise;
        }

        resource["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = account.CreatedAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["lastModified"] = account.LastModifiedAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
            ["location"] = location,
            ["version"] = ETag(account),
        };
        return resource;
    }

    public static string ETag(ProvisionedAccount account) =>
        $"W/\"{(account ?? throw new ArgumentNullException(nameof(account))).Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    private static string? Manager(JsonNode? value) => value switch
    {
        null => null,
        JsonObject manager => manager.FirstOrDefault(p => p.Key.Equals("value", StringComparison.OrdinalIgnoreCase)).Value is { } id ? Text(id, "manager.value") : null,
        JsonValue plain when plain.TryGetValue<string>(out var id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim(),
        _ => throw Wrong("manager", "an object with the manager's id as value"),
    };

    private static void Emails(JsonNode? value)
    {
        if (value is null)
        {
            return;
        }

        var emails = value as JsonArray ?? throw Wrong("emails", "an array");
        foreach (var email in emails)
        {
            var entry = email as JsonObject ?? throw Wrong("emails", "an array of objects");
            foreach (var (key, item) in entry)
            {
                switch (key.ToLowerInvariant())
                {
                    case "value" or "type" or "display": _ = Text(item, $"emails.{key}"); break;
                    case "primary": _ = Flag(item, "emails.primary"); break;
                    default: throw Unknown($"emails.{key}");
                }
            }
        }
    }

    private static string? Text(JsonNode? value, string attribute) => value switch
    {
        null => null,
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>() is var s && string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        _ => throw Wrong(attribute, "a string"),
    };

    private static bool Flag(JsonNode? value, string attribute) => value switch
    {
        JsonValue flag when flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False => flag.GetValue<bool>(),
        _ => throw Wrong(attribute, "true or false"),
    };

    private static ScimException Wrong(string attribute, string expected) => ScimException.InvalidValue($"{attribute} must be {expected}.");

    private static ScimException Unknown(string attribute) => ScimException.InvalidSyntax($"The attribute {attribute} is not part of the User schema.");
}

/// <summary>Addresses of SCIM resources.</summary>
public static class ScimLinks
{
    /// <summary>Another user's address beside <paramref name="location"/> (".../Users/{id}").</summary>
    public static string Sibling(string location, string id)
    {
        ArgumentNullException.ThrowIfNull(location);
        var cut = location.LastIndexOf('/');
        return cut < 0 ? id : location[..(cut + 1)] + id;
    }
}
