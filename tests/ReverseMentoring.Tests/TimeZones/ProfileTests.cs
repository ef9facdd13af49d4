using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Account;
using ZoneList = ReverseMentoring.Web.Features.Account.TimeZones;

namespace ReverseMentoring.Tests.TimeZones;

/// <summary>A person changes their own name and time zone on /Account/Profile; an unknown zone is refused; each change is audited.</summary>
public sealed class ProfileTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_new_name_and_zone_are_saved_and_written_to_the_audit_log()
    {
        var person = await app.PersonAsync(Roles.Mentee, "Sam Senior");
        var client = await app.SignedInClientAsync(person.User);

        var response = await client.PostFormAsync("/Account/Profile", new()
        {
            ["Data.DisplayName"] = "Samantha Senior",
            ["Data.TimeZoneId"] = "America/Chicago",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await app.ExecuteDbContextAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == person.User.Id));
        Assert.Equal(("Samantha Senior", "America/Chicago"), (saved.DisplayName, saved.TimeZoneId));
        var entry = Assert.Single(await app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == "AppUser" && a.EntityId == person.User.Id).ToListAsync()));
        Assert.Equal(person.User.Id, entry.UserId);
        Assert.Equal("Profile", entry.ActionName);
        Assert.Contains("\"TimeZoneId\":{\"Before\":\"UTC\",\"After\":\"America/Chicago\"}", entry.Changes, StringComparison.Ordinal);
        Assert.Contains("\"DisplayName\":{\"Before\":\"Sam Senior\",\"After\":\"Samantha Senior\"}", entry.Changes, StringComparison.Ordinal);
        var page = await client.GetHtmlAsync("/Account/Profile");
        Assert.Contains("value=\"America/Chicago\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("GMT Standard Time")]
    [InlineData("")]
    public async Task An_unknown_zone_is_refused_next_to_the_field_and_nothing_changes(string zone)
    {
        var person = await app.PersonAsync(Roles.Mentor, "Mo Mentor");
        var client = await app.SignedInClientAsync(person.User);

        var response = await client.PostFormAsync("/Account/Profile", new()
        {
            ["Data.DisplayName"] = "Someone Else",
            ["Data.TimeZoneId"] = zone,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ZoneList.UnknownMessage, HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.TimeZoneId"));
        var saved = await app.ExecuteDbContextAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == person.User.Id));
        Assert.Equal(("Mo Mentor", "UTC"), (saved.DisplayName, saved.TimeZoneId));
        Assert.False(await app.ExecuteDbContextAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "AppUser" && a.EntityId == person.User.Id)));
    }

    [Fact]
    public async Task Saving_the_same_profile_writes_nothing_to_the_audit_log()
    {
        var person = await app.PersonAsync(Roles.Mentor, "Una Unchanged");

        await app.SendAsync(new Profile.Command { DisplayName = "Una Unchanged", TimeZoneId = "UTC" }, person.As);

        Assert.False(await app.ExecuteDbContextAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "AppUser" && a.EntityId == person.User.Id)));
    }

    [Fact]
    public async Task The_profile_page_needs_a_signed_in_person()
    {
        var response = await app.Client().GetAsync(new Uri("/Account/Profile", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Register")]
    [InlineData("/Account/Profile")]
    public async Task The_zone_field_is_a_searchable_list_that_the_browser_fills_in_from_a_script_file(string url)
    {
        var client = url == "/Account/Register" ? app.Client() : await app.SignedInClientAsync(Roles.Mentee);

        var html = await client.GetHtmlAsync(url);

        Assert.Matches("<input[^>]*list=\"time-zone-list\"[^>]*data-browser-zone", html);
        Assert.Contains("<datalist id=\"time-zone-list\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Europe/London\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<select id=\"Data_TimeZoneId\"", html, StringComparison.Ordinal);
        Assert.Contains("/js/time-zone.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("resolvedOptions", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_offered_zone_is_an_iana_zone_the_app_knows_and_utc_is_one()
    {
        Assert.Contains("UTC", ZoneList.All);
        Assert.Contains("Europe/London", ZoneList.All);
        Assert.All(ZoneList.All, zone => Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _), zone));
        Assert.False(ZoneList.IsKnown("Europe/london"));
    }
}
