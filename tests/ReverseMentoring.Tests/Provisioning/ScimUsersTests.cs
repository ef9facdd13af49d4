using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Provisioning;

namespace ReverseMentoring.Tests.Provisioning;

/// <summary>
/// The SCIM Users endpoint as a directory uses it: the examples of RFC 7644 (create, filter, patch) adapted to a work
/// e-mail as userName, replace and delete, the discovery endpoints, and every refusal in SCIM's error format.
/// </summary>
public sealed class ScimUsersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Enterprise = Scim.EnterpriseSchema;

    [Fact]
    public async Task Creating_from_the_rfc_example_makes_an_account_without_password_or_role()
    {
        var directory = await app.DirectoryAsync();
        var userName = $"bjensen-{Guid.NewGuid():N}@example.com";

        // RFC 7644 section 3.3, with the work e-mail as userName.
        var created = await directory.ScimAsync("POST", ScimKit.Users, $$"""
            {
              "schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName":"{{userName}}",
              "externalId":"bjensen",
              "name":{
                "formatted":"Ms. Barbara J Jensen III",
                "familyName":"Jensen",
                "givenName":"Barbara"
              }
            }
            """);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(Scim.ContentType, created.Response.Content.Headers.ContentType?.MediaType);
        var body = created.Body!;
        Assert.Equal(userName, body["userName"]!.GetValue<string>());
        Assert.Equal("bjensen", body["externalId"]!.GetValue<string>());
        Assert.Equal("Jensen", body["name"]!["familyName"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal("User", body["meta"]!["resourceType"]!.GetValue<string>());
        Assert.EndsWith($"/scim/v2/Users/{created.Id}", body["meta"]!["location"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(body["meta"]!["location"]!.GetValue<string>(), created.Response.Headers.Location?.ToString());
        Assert.Equal(body["meta"]!["version"]!.GetValue<string>(), created.Response.Headers.ETag?.ToString());

        var user = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == userName));
        Assert.Null(user.PasswordHash);
        Assert.Equal("Ms. Barbara J Jensen III", user.DisplayName);
        Assert.Empty(await app.RolesOfAsync(user.Id));

        var read = await directory.ScimAsync("GET", $"{ScimKit.Users}/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(userName, read.Body!["userName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Department_title_manager_and_employee_number_go_to_the_org_chart()
    {
        var directory = await app.DirectoryAsync();
        var bossEmail = $"boss-{Guid.NewGuid():N}@example.com";
        var bossId = await directory.CreateAsync(ScimKit.Person(bossEmail));
        var person = ScimKit.Person();
        person["title"] = "Senior Director";
        person[Enterprise] = new JsonObject
        {
            ["department"] = "Finance",
            ["employeeNumber"] = "70142",
            ["manager"] = new JsonObject { ["value"] = bossId },
        };

        var id = await directory.CreateAsync(person);

        var key = OrgChartEntry.Normalize(person["userName"]!.GetValue<string>());
        var entry = await app.ExecuteDbContextAsync(db => db.OrgChart.SingleAsync(e => e.NormalizedEmail == key));
        Assert.Equal(OrgSource.Scim, entry.Source);
        Assert.Equal("Finance", entry.Department);
        Assert.Equal("Senior Director", entry.JobLevel);
        Assert.Equal("70142", entry.EmployeeNumber);
        Assert.Equal(bossEmail.ToUpperInvariant(), entry.ManagerEmail);

        var read = (await directory.ScimAsync("GET", $"{ScimKit.Users}/{id}")).Body!;
        Assert.Equal(bossId, read[Enterprise]!["manager"]!["value"]!.GetValue<string>());
        Assert.Equal("Senior Director", read["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filters_by_userName_or_externalId_and_pages_with_startIndex_and_count()
    {
        var directory = await app.DirectoryAsync();
        var person = ScimKit.Person();
        var id = await directory.CreateAsync(person);
        await directory.CreateAsync(ScimKit.Person());
        await directory.CreateAsync(ScimKit.Person());

        var byName = await directory.ScimAsync("GET", $"{ScimKit.Users}?filter={Uri.EscapeDataString($"userName eq \"{person["userName"]!.GetValue<string>().ToUpperInvariant()}\"")}");
        Assert.Equal(HttpStatusCode.OK, byName.Status);
        Assert.Equal(Scim.ListSchema, byName.Body!["schemas"]![0]!.GetValue<string>());
        Assert.Equal(1, byName.Body["totalResults"]!.GetValue<int>());
        Assert.Equal(id, byName.Body["Resources"]![0]!["id"]!.GetValue<string>());

        var byExternal = await directory.ScimAsync("GET", $"{ScimKit.Users}?filter={Uri.EscapeDataString($"externalId eq \"{person["externalId"]!.GetValue<string>()}\"")}");
        Assert.Equal(id, byExternal.Body!["Resources"]![0]!["id"]!.GetValue<string>());

        var nobody = await directory.ScimAsync("GET", $"{ScimKit.Users}?filter={Uri.EscapeDataString("userName eq \"nobody@example.com\"")}");
        Assert.Equal(0, nobody.Body!["totalResults"]!.GetValue<int>());
        Assert.Empty(nobody.Body["Resources"]!.AsArray());

        var all = await directory.ScimAsync("GET", ScimKit.Users);
        var total = all.Body!["totalResults"]!.GetValue<int>();
        Assert.True(total >= 3);
        var page = await directory.ScimAsync("GET", $"{ScimKit.Users}?startIndex=2&count=1");
        Assert.Equal(total, page.Body!["totalResults"]!.GetValue<int>());
        Assert.Equal(2, page.Body["startIndex"]!.GetValue<int>());
        Assert.Equal(1, page.Body["itemsPerPage"]!.GetValue<int>());
        Assert.Equal(all.Body["Resources"]![1]!["id"]!.GetValue<string>(), page.Body["Resources"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_adds_replaces_and_removes_as_in_the_rfc_examples()
    {
        var directory = await app.DirectoryAsync();
        var bossId = await directory.CreateAsync(ScimKit.Person());
        var id = await directory.CreateAsync(ScimKit.Person());
        var before = await directory.ScimAsync("GET", $"{ScimKit.Users}/{id}");

        // 3.5.2.1: add without a path (nickName is a core attribute the app does not keep), and with one.
        var added = await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(
            ScimKit.Op("add", null, new JsonObject
            {
                ["emails"] = new JsonArray(new JsonObject { ["value"] = "babs@jensen.org", ["type"] = "home" }),
                ["nickName"] = "Babs",
            }),
            ScimKit.Op("add", "title", "Director"),
            ScimKit.Op("add", $"{Enterprise}:manager", new JsonObject { ["value"] = bossId })));
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal("Director", added.Body!["title"]!.GetValue<string>());
        Assert.Equal(bossId, added.Body[Enterprise]!["manager"]!["value"]!.GetValue<string>());
        Assert.NotEqual(before.Body!["meta"]!["version"]!.GetValue<string>(), added.Body["meta"]!["version"]!.GetValue<string>());

        // 3.5.2.3: replace a sub-attribute and an enterprise attribute by its URN path, and (as Entra ID sends) without a path.
        var replaced = await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(
            ScimKit.Op("replace", "name.familyName", "Smith"),
            ScimKit.Op("replace", $"{Enterprise}:department", "Finance"),
            ScimKit.Op("Replace", null, new JsonObject { ["displayName"] = "Babs Smith", [$"{Enterprise}:employeeNumber"] = "42" })));
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal("Smith", replaced.Body!["name"]!["familyName"]!.GetValue<string>());
        Assert.Equal("Babs Smith", replaced.Body["displayName"]!.GetValue<string>());
        Assert.Equal("Finance", replaced.Body[Enterprise]!["department"]!.GetValue<string>());
        Assert.Equal("42", replaced.Body[Enterprise]!["employeeNumber"]!.GetValue<string>());

        // 3.5.2.2: remove.
        var removed = await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(
            ScimKit.Op("remove", "title", null),
            ScimKit.Op("remove", $"{Enterprise}:manager", null)));
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Null(removed.Body!["title"]);
        Assert.Null(removed.Body[Enterprise]?["manager"]);

        var email = removed.Body["userName"]!.GetValue<string>();
        var key = OrgChartEntry.Normalize(email);
        var entry = await app.ExecuteDbContextAsync(db => db.OrgChart.SingleAsync(e => e.NormalizedEmail == key));
        Assert.Equal(("Finance", "", null, "42"), (entry.Department, entry.JobLevel, entry.ManagerEmail, entry.EmployeeNumber));
        Assert.Equal("Babs Smith", (await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == email))).DisplayName);
    }

    [Fact]
    public async Task Put_replaces_the_person_and_clears_what_it_leaves_out()
    {
        var directory = await app.DirectoryAsync();
        var person = ScimKit.Person();
        person["title"] = "Analyst";
        person[Enterprise] = new JsonObject { ["department"] = "Sales" };
        var id = await directory.CreateAsync(person);

        var replacement = ScimKit.Person($"renamed-{Guid.NewGuid():N}@example.com", "Barbara", "Smith");
        replacement["displayName"] = "Barbara Smith";
        replacement[Enterprise] = new JsonObject { ["department"] = "Legal" };
        var replaced = await directory.ScimAsync("PUT", $"{ScimKit.Users}/{id}", replacement);

        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal(replacement["userName"]!.GetValue<string>(), replaced.Body!["userName"]!.GetValue<string>());
        Assert.Null(replaced.Body["title"]);
        Assert.Equal("Legal", replaced.Body[Enterprise]!["department"]!.GetValue<string>());
        var user = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == replacement["userName"]!.GetValue<string>()));
        Assert.Equal("Barbara Smith", user.DisplayName);
    }

    [Fact]
    public async Task Delete_hides_the_resource_and_keeps_the_account_deactivated()
    {
        var directory = await app.DirectoryAsync();
        var person = ScimKit.Person();
        var id = await directory.CreateAsync(person);

        var deleted = await directory.ScimAsync("DELETE", $"{ScimKit.Users}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        (await directory.ScimAsync("GET", $"{ScimKit.Users}/{id}")).AssertError(HttpStatusCode.NotFound);
        (await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(ScimKit.Op("replace", "active", true)))).AssertError(HttpStatusCode.NotFound);
        (await directory.ScimAsync("DELETE", $"{ScimKit.Users}/{id}")).AssertError(HttpStatusCode.NotFound);
        var user = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == person["userName"]!.GetValue<string>()));
        Assert.Equal(DateTimeOffset.MaxValue, user.LockoutEnd);
    }

    [Fact]
    public async Task Discovery_endpoints_describe_users_patch_and_the_enterprise_extension()
    {
        var directory = await app.DirectoryAsync();

        var config = await directory.ScimAsync("GET", "/scim/v2/ServiceProviderConfig");
        Assert.True(config.Body!["patch"]!["supported"]!.GetValue<bool>());
        Assert.False(config.Body["bulk"]!["supported"]!.GetValue<bool>());
        Assert.Equal("oauthbearertoken", config.Body["authenticationSchemes"]![0]!["type"]!.GetValue<string>());

        var types = await directory.ScimAsync("GET", "/scim/v2/ResourceTypes");
        Assert.Equal("/Users", types.Body!["Resources"]![0]!["endpoint"]!.GetValue<string>());
        Assert.Equal(Enterprise, types.Body["Resources"]![0]!["schemaExtensions"]![0]!["schema"]!.GetValue<string>());

        var schemas = await directory.ScimAsync("GET", "/scim/v2/Schemas");
        var ids = schemas.Body!["Resources"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([Scim.UserSchema, Enterprise], ids);
    }

    [Fact]
    public async Task Unknown_attributes_and_wrong_types_are_refused_in_scim_format()
    {
        var directory = await app.DirectoryAsync();
        var unknown = ScimKit.Person();
        unknown["favouriteColour"] = "green";
        (await directory.ScimAsync("POST", ScimKit.Users, unknown)).AssertError(HttpStatusCode.BadRequest, "invalidSyntax");

        var wrongType = ScimKit.Person();
        wrongType["active"] = "yes";
        (await directory.ScimAsync("POST", ScimKit.Users, wrongType)).AssertError(HttpStatusCode.BadRequest, "invalidValue");

        var notAnEmail = ScimKit.Person("bjensen");
        (await directory.ScimAsync("POST", ScimKit.Users, notAnEmail)).AssertError(HttpStatusCode.BadRequest, "invalidValue");

        var id = await directory.CreateAsync(ScimKit.Person());
        (await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(ScimKit.Op("replace", "shoeSize", "42"))))
            .AssertError(HttpStatusCode.BadRequest, "invalidPath");
        (await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(ScimKit.Op("replace", "id", "other"))))
            .AssertError(HttpStatusCode.BadRequest, "mutability");
        (await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(ScimKit.Op("remove", null, null))))
            .AssertError(HttpStatusCode.BadRequest, "noTarget");
        (await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(ScimKit.Op("replace", "displayName", 7))))
            .AssertError(HttpStatusCode.BadRequest, "invalidValue");
        var otherId = ScimKit.Person();
        otherId["id"] = Guid.NewGuid().ToString();
        (await directory.ScimAsync("PUT", $"{ScimKit.Users}/{id}", otherId)).AssertError(HttpStatusCode.BadRequest, "mutability");
        (await directory.ScimAsync("GET", $"{ScimKit.Users}?filter={Uri.EscapeDataString("displayName co \"Bar\"")}"))
            .AssertError(HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task A_duplicate_userName_is_a_409_uniqueness_error()
    {
        var directory = await app.DirectoryAsync();
        var person = ScimKit.Person();
        var first = await directory.CreateAsync(person);
        var again = ScimKit.Person(person["userName"]!.GetValue<string>().ToUpperInvariant());

        (await directory.ScimAsync("POST", ScimKit.Users, again)).AssertError(HttpStatusCode.Conflict, "uniqueness");

        var other = await directory.CreateAsync(ScimKit.Person());
        (await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{other}", ScimKit.Patch(ScimKit.Op("replace", "userName", person["userName"]!.DeepClone()))))
            .AssertError(HttpStatusCode.Conflict, "uniqueness");
        Assert.Equal(HttpStatusCode.OK, (await directory.ScimAsync("GET", $"{ScimKit.Users}/{first}")).Status);
    }

    [Fact]
    public async Task A_manager_that_does_not_exist_is_refused_and_nothing_is_half_applied()
    {
        var directory = await app.DirectoryAsync();
        var person = ScimKit.Person();
        person[Enterprise] = new JsonObject { ["manager"] = new JsonObject { ["value"] = Guid.NewGuid().ToString() } };
        (await directory.ScimAsync("POST", ScimKit.Users, person)).AssertError(HttpStatusCode.BadRequest, "invalidValue");
        var email = person["userName"]!.GetValue<string>();
        Assert.False(await app.ExecuteDbContextAsync(db => db.Users.AnyAsync(u => u.Email == email)));

        // A patch whose second operation fails leaves the first undone too.
        var id = await directory.CreateAsync(ScimKit.Person());
        var refused = await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(
            ScimKit.Op("replace", "displayName", "Changed Name"),
            ScimKit.Op("replace", $"{Enterprise}:manager", Guid.NewGuid().ToString())));
        refused.AssertError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Equal("Barbara Jensen", (await directory.ScimAsync("GET", $"{ScimKit.Users}/{id}")).Body!["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_and_huge_bodies_are_refused_without_a_500()
    {
        var directory = await app.DirectoryAsync();
        (await directory.ScimAsync("POST", ScimKit.Users, "{\"schemas\": [")).AssertError(HttpStatusCode.BadRequest, "invalidSyntax");
        (await directory.ScimAsync("POST", ScimKit.Users, "[1, 2]")).AssertError(HttpStatusCode.BadRequest, "invalidSyntax");

        var huge = ScimKit.Person();
        huge["displayName"] = new string('x', 200_000);
        (await directory.ScimAsync("POST", ScimKit.Users, huge)).AssertError(HttpStatusCode.RequestEntityTooLarge);

        // Without a length up front (chunked), the limit holds as the body is read.
        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge.ToJsonString())));
        streamed.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Scim.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ScimKit.Users, UriKind.Relative)) { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        var chunked = await directory.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_token_gets_401_in_scim_format()
    {
        var anonymous = app.Client();
        var refused = await anonymous.ScimAsync("GET", ScimKit.Users);
        refused.AssertError(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", refused.Response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        (await app.Directory("rmscim_not-a-real-token").ScimAsync("GET", ScimKit.Users)).AssertError(HttpStatusCode.Unauthorized);
    }
}
