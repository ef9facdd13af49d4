using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

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
    public async Task A_person_registers_as_mentor_or_mentee_and_is_signed_in(string role)
    {
        var email = $"new-{Guid.NewGuid():N}@example.com";
        var client = app.Client();

        var response = await client.PostFormAsync("/Account/Register", Form(email, role));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Participant", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Participant", UriKind.Relative))).StatusCode);
        var saved = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal("Europe/London", saved.TimeZoneId);
        Assert.Equal([role], await app.RolesOfAsync(saved.Id));
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
    public async Task An_email_already_registered_is_refused()
    {
        var existing = await app.CreateUserAsync(Roles.Mentee);

        var response = await app.Client().PostFormAsync("/Account/Register", Form(existing.Email!));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("An account with this e-mail address exists already. Sign in instead.",
            HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.Email"));
    }
}
