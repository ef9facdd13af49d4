using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Account;

public sealed class InvitationOnlyRegistrationTests : IClassFixture<InvitationOnlyRegistrationTests.InvitationOnlyApp>
{
    private readonly InvitationOnlyApp _app;

    public InvitationOnlyRegistrationTests(InvitationOnlyApp app) => _app = app;

    public sealed class InvitationOnlyApp : AppFactory
    {
        public InvitationOnlyApp() => With("Registration:Mode", "Invitation");
    }

    private static Dictionary<string, string> Form(string email, string? token) => new()
    {
        ["Data.Email"] = email,
        ["Data.DisplayName"] = "Grace Senior",
        ["Data.TimeZoneId"] = "America/New_York",
        ["Data.JoiningAs"] = Roles.Mentor,
        ["Data.Password"] = "Fresh-Password-2026",
        ["Data.ConfirmPassword"] = "Fresh-Password-2026",
        ["Data.InvitationToken"] = token ?? "",
    };

    [Fact]
    public async Task Without_an_invitation_registration_is_refused()
    {
        var email = $"walk-in-{Guid.NewGuid():N}@example.com";

        var response = await _app.Client().PostFormAsync("/Account/Register", Form(email, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Registration is by invitation.", HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.InvitationToken"), StringComparison.Ordinal);
        Assert.False(await _app.ExecuteDbContextAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task The_invitation_link_fills_in_the_email_and_sets_the_role()
    {
        var email = $"invited-{Guid.NewGuid():N}@example.com";
        var invitation = await _app.InvitationAsync(role: Roles.Mentee, email: email);
        var client = _app.Client();

        var page = await client.GetHtmlAsync($"/Account/Register?invitation={invitation.Token}");
        Assert.Contains($"value=\"{email}\"", page, StringComparison.Ordinal);
        Assert.Contains("Mentee (senior)", page, StringComparison.Ordinal);

        // The form says "mentor", but the invitation decides.
        var response = await client.PostFormAsync("/Account/Register", Form(email, invitation.Token), $"/Account/Register?invitation={invitation.Token}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (roles, acceptedAt) = await _app.ExecuteDbContextAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var held = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync();
            var accepted = (await db.Invitations.SingleAsync(i => i.Id == invitation.Id)).AcceptedAtUtc;
            return (held, accepted);
        });
        Assert.Equal([Roles.Mentee], roles);
        Assert.NotNull(acceptedAt);
    }

    [Fact]
    public async Task An_invitation_works_once_and_only_for_its_own_email()
    {
        var email = $"once-{Guid.NewGuid():N}@example.com";
        var invitation = await _app.InvitationAsync(role: Roles.Mentor, email: email);

        var otherEmail = await _app.Client().PostFormAsync("/Account/Register", Form($"other-{Guid.NewGuid():N}@example.com", invitation.Token));
        Assert.Equal(HttpStatusCode.BadRequest, otherEmail.StatusCode);
        Assert.Equal($"This invitation is for {email}. Register with that address.", HttpClientForms.FieldError(await otherEmail.Content.ReadAsStringAsync(), "Data.Email"));

        Assert.Equal(HttpStatusCode.Redirect, (await _app.Client().PostFormAsync("/Account/Register", Form(email, invitation.Token))).StatusCode);

        var again = await _app.Client().PostFormAsync("/Account/Register", Form($"again-{Guid.NewGuid():N}@example.com", invitation.Token));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("expired or was used already", HttpClientForms.FieldError(await again.Content.ReadAsStringAsync(), "Data.InvitationToken"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_invitation_is_refused()
    {
        var email = $"late-{Guid.NewGuid():N}@example.com";
        var invitation = await _app.InvitationAsync(role: Roles.Mentor, email: email, expiresAtUtc: DateTime.UtcNow.AddMinutes(-1));

        var response = await _app.Client().PostFormAsync("/Account/Register", Form(email, invitation.Token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await _app.ExecuteDbContextAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }
}
