using System.Text.Json.Nodes;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Provisioning;

/// <summary>What the directory reads before it provisions: the features, the resource type and the schemas (RFC 7643 5-7).</summary>
public static class ScimDiscovery
{
    public static void Map(RouteGroupBuilder scim)
    {
        ArgumentNullException.ThrowIfNull(scim);
        scim.MapGet("/ServiceProviderConfig", (PublicLinks links) => Scim.Json(ServiceProviderConfig(links)));
        scim.MapGet("/ResourceTypes", (PublicLinks links) => Scim.Json(List([UserType(links)])));
        scim.MapGet("/ResourceTypes/User", (PublicLinks links) => Scim.Json(UserType(links)));
        scim.MapGet("/Schemas", (PublicLinks links) => Scim.Json(List([UserSchema(links), EnterpriseSchema(links)])));
        scim.MapGet("/Schemas/{id}", (string id, PublicLinks links) =>
            id == Scim.UserSchema ? Scim.Json(UserSchema(links))
            : id == Scim.EnterpriseSchema ? Scim.Json(EnterpriseSchema(links))
            : Scim.Error(StatusCodes.Status404NotFound, null, $"Schema {id} not found."));
    }

    private static JsonObject List(JsonObject[] resources) => new()
    {
        ["schemas"] = new JsonArray(Scim.ListSchema),
        ["totalResults"] = resources.Length,
        ["startIndex"] = 1,
        ["itemsPerPage"] = resources.Length,
        ["Resources"] = new JsonArray(resources),
    };

    private static JsonObject ServiceProviderConfig(PublicLinks links) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
        ["documentationUri"] = links.To("/"),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ProvisionPeople.MaxCount },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "A provisioning token an HR coordinator creates on the Provisioning tokens page.",
            ["primary"] = true,
        }),
        ["meta"] = Meta("ServiceProviderConfig", links.To($"{Scim.BasePath}/ServiceProviderConfig")),
    };

    private static JsonObject UserType(PublicLinks links) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "A person who may take part in reverse mentoring programs",
        ["schema"] = Scim.UserSchema,
        ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = Scim.EnterpriseSchema, ["required"] = false }),
        ["meta"] = Meta("ResourceType", links.To($"{Scim.BasePath}/ResourceTypes/User")),
    };

    private static JsonObject UserSchema(PublicLinks links) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Schema"),
        ["id"] = Scim.UserSchema,
        ["name"] = "User",
        ["description"] = "User Account",
        ["attributes"] = new JsonArray(
            Attribute("userName", "The person's work e-mail address; unique.", required: true, uniqueness: "server"),
            Attribute("externalId", "The directory's own id for the person.", caseExact: true),
            Complex("name", "The person's name.",
                Attribute("formatted", "The full name."),
                Attribute("givenName", "The given name."),
                Attribute("familyName", "The family name.")),
            Attribute("displayName", "The name shown in the app."),
            Attribute("title", "The person's job level on the org chart."),
            Attribute("active", "Whether the person may sign in.", type: "boolean"),
            Complex("emails", "E-mail addresses; the work address is userName.", true,
                Attribute("value", "The address."),
                Attribute("type", "work."),
                Attribute("primary", "The primary address.", type: "boolean"))),
        ["meta"] = Meta("Schema", links.To($"{Scim.BasePath}/Schemas/{Scim.UserSchema}")),
    };

    private static JsonObject EnterpriseSchema(PublicLinks links) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Schema"),
        ["id"] = Scim.EnterpriseSchema,
        ["name"] = "EnterpriseUser",
        ["description"] = "Enterprise User",
        ["attributes"] = new JsonArray(
            Attribute("employeeNumber", "The employee number."),
            Attribute("department", "The department on the org chart."),
            Complex("manager", "The person's manager.",
                Attribute("value", "The manager's SCIM id."),
                Attribute("$ref", "The manager's resource.", type: "reference"))),
        ["meta"] = Meta("Schema", links.To($"{Scim.BasePath}/Schemas/{Scim.EnterpriseSchema}")),
    };

    private static JsonObject Attribute(string name, string description, string type = "string", bool required = false,
        string uniqueness = "none", bool caseExact = false) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = false,
        ["description"] = description,
        ["required"] = required,
        ["caseExact"] = caseExact,
        ["mutability"] = "readWrite",
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };

    private static JsonObject Complex(string name, string description, params JsonObject[] subAttributes) =>
        Complex(name, description, false, subAttributes);

    private static JsonObject Complex(string name, string description, bool multiValued, params JsonObject[] subAttributes)
    {
        var attribute = Attribute(name, description, type: "complex");
        attribute["multiValued"] = multiValued;
        attribute["subAttributes"] = new JsonArray(subAttributes);
        return attribute;
    }

    private static JsonObject Meta(string resourceType, string location) => new() { ["resourceType"] = resourceType, ["location"] = location };
}
