using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ReverseMentoring.Web.Features.Provisioning;

namespace ReverseMentoring.Tests.Provisioning;

/// <summary>A SCIM answer: its status, its body (null when empty) and the response itself.</summary>
public sealed record ScimAnswer(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)
{
    public string? Id => Body?["id"]?.GetValue<string>();

    /// <summary>Asserts the answer is a SCIM error of this status (and scimType, when given).</summary>
    public void AssertError(HttpStatusCode status, string? scimType = null)
    {
        Assert.Equal(status, Status);
        Assert.Equal(Scim.ContentType, Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Scim.ErrorSchema, Body!["schemas"]![0]!.GetValue<string>());
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), Body["status"]!.GetValue<string>());
        if (scimType is not null)
        {
            Assert.Equal(scimType, Body["scimType"]?.GetValue<string>());
        }

        Assert.False(string.IsNullOrWhiteSpace(Body["detail"]?.GetValue<string>()));
    }
}

/// <summary>Tokens, and requests as the company's directory sends them.</summary>
public static class ScimKit
{
    public const string Users = "/scim/v2/Users";

    /// <summary>A live provisioning token named <paramref name="name"/>; its secret.</summary>
    public static async Task<string> TokenAsync(this AppFactory app, string? name = null)
    {
        var hr = await app.CreateUserAsync(Roles.HrCoordinator);
        var made = await app.SendAsync(new ProvisioningTokens.Create { Name = name ?? TestData.Unique("Directory") }, AppFactory.PrincipalFor(hr, Roles.HrCoordinator));
        return made.Secret;
    }

    public static async Task<HttpClient> DirectoryAsync(this AppFactory app, string? name = null) => app.Directory(await app.TokenAsync(name));

    public static HttpClient Directory(this AppFactory app, string secret)
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static Task<ScimAnswer> ScimAsync(this HttpClient client, string method, string path, string? json = null) =>
        client.ScimAsync(new HttpMethod(method), path, json is null ? null : new StringContent(json, Encoding.UTF8, Scim.ContentType));

    public static Task<ScimAnswer> ScimAsync(this HttpClient client, string method, string path, JsonNode body) =>
        client.ScimAsync(method, path, body.ToJsonString());

    public static async Task<ScimAnswer> ScimAsync(this HttpClient client, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ScimAnswer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject, response);
    }

    /// <summary>A User body with a unique work e-mail unless <paramref name="userName"/> is given.</summary>
    public static JsonObject Person(string? userName = null, string given = "Barbara", string family = "Jensen") => new()
    {
        ["schemas"] = new JsonArray(Scim.UserSchema, Scim.EnterpriseSchema),
        ["userName"] = userName ?? $"person-{Guid.NewGuid():N}@example.com",
        ["externalId"] = Guid.NewGuid().ToString("N"),
        ["name"] = new JsonObject { ["givenName"] = given, ["familyName"] = family, ["formatted"] = $"{given} {family}" },
        ["active"] = true,
    };

    public static async Task<string> CreateAsync(this HttpClient directory, JsonObject person)
    {
        var created = await directory.ScimAsync("POST", Users, person);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Id!;
    }

    public static JsonObject Patch(params JsonObject[] operations) => new()
    {
        ["schemas"] = new JsonArray(Scim.PatchSchema),
        ["Operations"] = new JsonArray(operations),
    };

    public static JsonObject Op(string op, string? path, JsonNode? value)
    {
        var operation = new JsonObject { ["op"] = op };
        if (path is not null)
        {
            operation["path"] = path;
        }

        if (value is not null)
        {
            operation["value"] = value;
        }

        return operation;
    }
}
