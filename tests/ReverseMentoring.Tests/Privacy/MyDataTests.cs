using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Privacy;

public sealed class MyDataTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Text(DownloadMyData.Download download) => Encoding.UTF8.GetString(download.Json);

    [Fact]
    public async Task A_participant_downloads_every_kind_of_data_held_on_them()
    {
        var world = await PrivacyWorld.CreateAsync(app);

        var download = await app.SendAsync(new DownloadMyData.Query(), world.AsMira);

        Assert.Matches(@"^my-data-\d{4}-\d{2}-\d{2}\.json$", download.FileName);
        using var json = JsonDocument.Parse(download.Json);
        var root = json.RootElement;
        var account = root.GetProperty("account");
        Assert.Equal(world.Mira.Email, account.GetProperty("email").GetString());
        Assert.Equal(world.Mira.DisplayName, account.GetProperty("displayName").GetString());
        Assert.Equal(["Mentor"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var enrolment = Assert.Single(root.GetProperty("enrolments").EnumerateArray());
        Assert.Equal($"mira-interests-secret-{world.Tag}", enrolment.GetProperty("interests").GetString());
        Assert.Equal("Engineering", enrolment.GetProperty("department").GetString());
        Assert.Single(enrolment.GetProperty("skills").EnumerateArray());
        Assert.Single(enrolment.GetProperty("availability").EnumerateArray());
        Assert.Equal($"mira-history-secret-{world.Tag}", Assert.Single(enrolment.GetProperty("history").EnumerateArray()).GetProperty("detail").GetString());

        var pairs = root.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(2, pairs.Count);
        var pair = pairs.Single(p => p.GetProperty("id").GetInt32() == world.MiraPair.Id);
        Assert.Equal(world.Noel.DisplayName, pair.GetProperty("otherSide").GetString());
        Assert.Equal(2, pair.GetProperty("sessions").GetArrayLength());
        Assert.Contains(pair.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("notes").GetString() == $"pair-notes-secret-{world.Tag}");

        Assert.Equal($"mira-feedback-secret-{world.Tag}", Assert.Single(root.GetProperty("feedbackGiven").EnumerateArray()).GetProperty("comment").GetString());
        var checkIn = Assert.Single(root.GetProperty("checkIns").EnumerateArray());
        Assert.Equal($"mira-answer-secret-{world.Tag}", Assert.Single(checkIn.GetProperty("answers").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal(3, Assert.Single(root.GetProperty("skillRatings").EnumerateArray()).GetProperty("level").GetInt32());
        Assert.Equal(world.MiraInvitation.Id, Assert.Single(root.GetProperty("invitations").EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Single(root.GetProperty("emailsSent").EnumerateArray());
        var changes = root.GetProperty("changesYouMade").EnumerateArray().ToList();
        Assert.Contains(changes, c => c.GetProperty("entity").GetString() == nameof(Enrolment) && c.GetProperty("entityId").GetString() == world.MiraEnrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(changes, c => c.GetProperty("entity").GetString() == nameof(Session));
    }

    [Fact]
    public async Task The_download_holds_nothing_of_other_people_and_no_password_hash()
    {
        var world = await PrivacyWorld.CreateAsync(app);
        var hash = await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == world.Mira.Id).Select(u => u.PasswordHash).SingleAsync());
        var stamp = await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == world.Mira.Id).Select(u => u.SecurityStamp).SingleAsync());

        var text = Text(await app.SendAsync(new DownloadMyData.Query(), world.AsMira));

        foreach (var secret in world.OthersSecrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(world.Noel.Email!, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(world.Tess.DisplayName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Tess.Email!, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(hash!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(stamp!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Someone_with_nothing_but_an_account_gets_their_account_and_empty_lists()
    {
        var leader = await app.CreateUserAsync(Roles.Leadership);

        using var json = JsonDocument.Parse((await app.SendAsync(new DownloadMyData.Query(), AppFactory.PrincipalFor(leader, Roles.Leadership))).Json);

        Assert.Equal(leader.Email, json.RootElement.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("enrolments").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("pairs").GetArrayLength());
    }

    [Fact]
    public async Task Nobody_signed_out_can_download()
    {
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new DownloadMyData.Query()));

        var response = await app.Client().GetAsync(new Uri("/Account/MyData", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.HrCoordinator)]
    [InlineData(Roles.Leadership)]
    public async Task Every_signed_in_person_downloads_a_json_file_from_the_page(string role)
    {
        var client = await app.SignedInClientAsync(role);

        var html = await client.GetHtmlAsync("/Account/MyData");
        var response = await client.PostFormAsync("/Account/MyData", []);

        Assert.Contains("Download my data", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("my-data-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(role, json.RootElement.GetProperty("account").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
