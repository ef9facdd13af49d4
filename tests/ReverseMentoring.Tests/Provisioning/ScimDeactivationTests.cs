using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Features.Provisioning;

namespace ReverseMentoring.Tests.Provisioning;

/// <summary>
/// What the directory's deactivation does: the person's sessions end at once, they cannot sign in until reactivated,
/// their open enrolments are withdrawn with the reason, and HR hears about each live pair. Every change is audited under
/// the token's name.
/// </summary>
public sealed class ScimDeactivationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Home = "/Participant";

    private async Task<HttpClient> SignedInAsync(AppUser user)
    {
        var client = app.Client();
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(Home, UriKind.Relative))).StatusCode);
        return client;
    }

    private async Task<HttpStatusCode> SignInStatusAsync(AppUser user) =>
        (await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = user.Email!, ["Data.Password"] = AppFactory.Password })).StatusCode;

    /// <summary>The directory provisions a person who already has an account: it takes that account over.</summary>
    private static Task<string> ProvisionAsync(HttpClient directory, AppUser user) => directory.CreateAsync(ScimKit.Person(user.Email));

    [Fact]
    public async Task Deactivation_ends_a_signed_in_session_at_once_and_blocks_sign_in_until_reactivated()
    {
        var directory = await app.DirectoryAsync();
        var person = await app.CreateUserAsync(Roles.Mentor);
        var id = await ProvisionAsync(directory, person);
        var browser = await SignedInAsync(person);

        // As Entra ID sends it: active as the string "False".
        var deactivated = await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(ScimKit.Op("Replace", "active", "False")));

        Assert.Equal(HttpStatusCode.OK, deactivated.Status);
        Assert.False(deactivated.Body!["active"]!.GetValue<bool>());
        var next = await browser.GetAsync(new Uri(Home, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", next.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, await SignInStatusAsync(person));

        var reactivated = await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(ScimKit.Op("replace", null, new JsonObject { ["active"] = true })));

        Assert.True(reactivated.Body!["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Redirect, await SignInStatusAsync(person));
    }

    [Fact]
    public async Task Deactivation_withdraws_open_enrolments_and_alerts_hr_about_each_live_pair()
    {
        var directory = await app.DirectoryAsync();
        var live = await app.PairAsync();
        var ended = await app.PairAsync(status: PairStatus.Ended, mentor: live.Mentor);
        var other = await app.ProgramAsync(ProgramStatus.Enrolling);
        var pending = await app.EnrolAsync(other, live.Mentor, ParticipantRole.Mentor, EnrolmentStatus.Pending);
        var id = await ProvisionAsync(directory, live.Mentor.User);

        var put = ScimKit.Person(live.Mentor.User.Email);
        put["active"] = false;
        var answer = await directory.ScimAsync("PUT", $"{ScimKit.Users}/{id}", put);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var enrolments = await app.ExecuteDbContextAsync(db => db.Enrolments.Include(e => e.History)
            .Where(e => e.UserId == live.Mentor.User.Id).ToListAsync());
        Assert.All(enrolments.Where(e => e.Id == live.MentorEnrolmentId || e.Id == pending.Id), e =>
        {
            Assert.Equal(EnrolmentStatus.Withdrawn, e.Status);
            Assert.Contains(e.History, h => h.Detail == ProvisionedAccount.WithdrawReason);
        });
        var alerts = await app.ExecuteDbContextAsync(db => db.CoordinatorAlerts.Where(a => a.Kind == AlertKind.ParticipantDeactivated).ToListAsync());
        var alert = Assert.Single(alerts, a => a.Link.EndsWith($"/Pairs/{live.Id}", StringComparison.Ordinal));
        Assert.Equal(live.Program.Id, alert.ProgramId);
        Assert.DoesNotContain(alerts, a => a.Link.EndsWith($"/Pairs/{ended.Id}", StringComparison.Ordinal));

        // Deactivating again changes nothing more and raises nothing new.
        await directory.ScimAsync("PUT", $"{ScimKit.Users}/{id}", put);
        Assert.Equal(alerts.Count, await app.ExecuteDbContextAsync(db => db.CoordinatorAlerts.CountAsync(a => a.Kind == AlertKind.ParticipantDeactivated)));
    }

    [Fact]
    public async Task Delete_of_a_person_with_history_deactivates_them_and_keeps_the_history()
    {
        var directory = await app.DirectoryAsync();
        var live = await app.PairAsync();
        var id = await ProvisionAsync(directory, live.Mentee.User);
        var browser = await SignedInAsync(live.Mentee.User);

        Assert.Equal(HttpStatusCode.NoContent, (await directory.ScimAsync("DELETE", $"{ScimKit.Users}/{id}")).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(new Uri(Home, UriKind.Relative))).StatusCode);
        var enrolment = await app.ExecuteDbContextAsync(db => db.Enrolments.SingleAsync(e => e.Id == live.MenteeEnrolmentId));
        Assert.Equal(EnrolmentStatus.Withdrawn, enrolment.Status);
        Assert.Equal(PairStatus.Accepted, (await app.SavedPairAsync(live.Id)).Status);
        Assert.True(await app.ExecuteDbContextAsync(db => db.CoordinatorAlerts.AnyAsync(a => a.Kind == AlertKind.ParticipantDeactivated && a.Link.EndsWith($"/Pairs/{live.Id}"))));
    }

    [Fact]
    public async Task Every_change_is_audited_under_the_tokens_name()
    {
        var name = TestData.Unique("Entra ID");
        var directory = await app.DirectoryAsync(name);
        var person = ScimKit.Person();
        person[Scim.EnterpriseSchema] = new JsonObject { ["department"] = "Finance" };
        var id = await directory.CreateAsync(person);
        await directory.ScimAsync("PATCH", $"{ScimKit.Users}/{id}", ScimKit.Patch(ScimKit.Op("replace", "active", false)));

        var entries = await app.ExecuteDbContextAsync(db => db.AuditEntries.Where(a => a.UserName == name).ToListAsync());

        Assert.Contains(entries, e => e.Entity == nameof(AppUser) && e.Action == "Added" && e.ActionName == "Provision person");
        Assert.Contains(entries, e => e.Entity == nameof(ProvisionedAccount) && e.Action == "Added");
        Assert.Contains(entries, e => e.Entity == nameof(OrgChartEntry) && e.Action == "Added" && e.Changes.Contains("Finance", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Entity == nameof(ProvisionedAccount) && e.Action == "Modified"
            && e.ActionName == "Update provisioned person" && e.Changes.Contains("\"Active\"", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.Null(e.UserId));
    }

    [Fact]
    public async Task Erasing_a_provisioned_person_removes_their_scim_resource_and_the_names_it_kept()
    {
        var directory = await app.DirectoryAsync();
        var person = await app.CreateUserAsync(Roles.Mentor);
        var family = $"Family{Guid.NewGuid():N}";
        var id = await directory.CreateAsync(ScimKit.Person(person.Email, "Ulla", family));
        var hr = await app.PersonAsync(Roles.HrCoordinator);

        await app.SendAsync(new ErasePerson.Command { UserId = person.Id, ConfirmEmail = person.Email! }, hr.As);

        (await directory.ScimAsync("GET", $"{ScimKit.Users}/{id}")).AssertError(HttpStatusCode.NotFound);
        Assert.False(await app.ExecuteDbContextAsync(db => db.ProvisionedAccounts.AnyAsync(a => a.UserId == person.Id)));
        Assert.Empty(await app.PlacesHoldingAsync(family));
    }
}
