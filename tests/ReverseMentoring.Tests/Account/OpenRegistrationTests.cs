using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Tests.Security;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;

namespace ReverseMentoring.Tests.Account;

public sealed class OpenRegistrationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Form(string email, string joiningAs = Roles.Mentor, string password = "Fresh-Password-2026", string? confirm = null) => new()
    {
        ["Data.Email"] = email,
        ["Data.DisplayName"] = "Ada Junior",
        ["Data.TimeZoneId"] = "Europe/London",
        ["Data.JoiningAs"] = joiningAs,
        ["Data.Password"] = password,
        ["Data.ConfirmPassword"] = confirm ?? password,
    };

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    public async Task A_person_registers_as_mentor_or_mentee_confirms_their_address_and_signs_in(string role)
    {
        var email = $"new-{Guid.NewGuid():N}@example.com";
        var client = app.Client();

        var response = await client.PostFormAsync("/Account/Register", Form(email, role));

        // Not signed in yet: the same answer an address with an account gets, so registering tells nobody which has one.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AddressConfirmation.SentPage, response.Headers.Location?.OriginalString);
        Assert.Contains("Check your e-mail", await client.GetHtmlAsync(AddressConfirmation.SentPage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/Participant", UriKind.Relative))).StatusCode);
        var saved = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal("Europe/London", saved.TimeZoneId);
        Assert.Equal([role], await app.RolesOfAsync(saved.Id));

        // Until the address is confirmed, even the right password does not sign in.
        var early = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = "Fresh-Password-2026" });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);

        var link = MailLinks.LinkTo(Assert.Single(app.MailTo(email)), AddressConfirmation.SentPage);
        var confirmed = await client.PostFormAsync(link, [], formPage: link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Your address is confirmed.", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == saved.Id).Select(u => u.EmailConfirmed).SingleAsync()));

        var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = "Fresh-Password-2026" });
        Assert.Equal("/Participant", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Participant", UriKind.Relative))).StatusCode);

        // The link works once.
        var again = await app.Client().PostFormAsync(link, [], formPage: link);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("expired or was used already", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_confirmation_link_confirms_nothing()
    {
        var email = $"forged-{Guid.NewGuid():N}@example.com";
        await app.Client().PostFormAsync("/Account/Register", Form(email));
        var userId = await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var forged = AddressConfirmation.LinkPath(userId, "made-up-code");

        var response = await app.Client().PostFormAsync(forged, [], formPage: forged);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.EmailConfirmed).SingleAsync()));
        var signIn = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = "Fresh-Password-2026" });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task An_apostrophe_in_an_email_address_is_accepted()
    {
        var email = $"o'brien-{Guid.NewGuid():N}@example.com";

        var response = await app.Client().PostFormAsync("/Account/Register", Form(email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.ExecuteDbContextAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Nobody_registers_themselves_as_coordinator_or_leader()
    {
        var email = $"sneaky-{Guid.NewGuid():N}@example.com";

        var response = await app.Client().PostFormAsync("/Account/Register", Form(email, Roles.HrCoordinator));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Choose whether you join as a mentor (junior) or a mentee (senior).",
            HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.JoiningAs"));
        Assert.False(await app.ExecuteDbContextAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Bad_input_is_explained_field_by_field_and_nothing_is_saved()
    {
        var response = await app.Client().PostFormAsync("/Account/Register", new()
        {
            ["Data.Email"] = "not-an-email",
            ["Data.DisplayName"] = new string('x', 101),
            ["Data.TimeZoneId"] = "Mars/Olympus_Mons",
            ["Data.JoiningAs"] = Roles.Mentor,
            ["Data.Password"] = "short",
            ["Data.ConfirmPassword"] = "different",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Enter an e-mail address like name@company.com.", HttpClientForms.FieldError(html, "Data.Email"));
        Assert.Equal("A name has at most 100 characters.", HttpClientForms.FieldError(html, "Data.DisplayName"));
        Assert.Equal("Choose your time zone from the list.", HttpClientForms.FieldError(html, "Data.TimeZoneId"));
        Assert.Contains("at least 12 characters", HttpClientForms.FieldError(html, "Data.Password"), StringComparison.Ordinal);
        Assert.Equal("The two passwords are not the same.", HttpClientForms.FieldError(html, "Data.ConfirmPassword"));
        Assert.False(await app.ExecuteDbContextAsync(db => db.Users.AnyAsync(u => u.Email == "not-an-email")));
    }

    [Fact]
    public async Task An_email_already_registered_is_answered_like_a_new_one_and_its_owner_is_told()
    {
        var existing = await app.CreateUserAsync(Roles.Mentee);

        var response = await app.Client().PostFormAsync("/Account/Register", Form(existing.Email!));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AddressConfirmation.SentPage, response.Headers.Location?.OriginalString);
        var mail = Assert.Single(app.MailTo(existing.Email!));
        Assert.Equal("Someone tried to register with your address", mail.Subject);
        Assert.Contains("/Account/SignIn", mail.TextBody, StringComparison.Ordinal);

        // Nothing about the account changed: its own password still signs in, the one typed here does not.
        var mine = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = existing.Email!, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, mine.StatusCode);
        var theirs = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = existing.Email!, ["Data.Password"] = "Fresh-Password-2026" });
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.Equal([Roles.Mentee], await app.RolesOfAsync(existing.Id));
    }
}
