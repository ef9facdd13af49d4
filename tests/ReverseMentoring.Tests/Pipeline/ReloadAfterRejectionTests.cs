using System.Net;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Pipeline;

/// <summary>A page shown again with errors still shows what it loaded for itself, not only what was posted.</summary>
public sealed class ReloadAfterRejectionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_request_the_validators_refuse_shows_the_page_again_with_its_loaded_data()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var programName = TestData.Unique("Invited to");
        var programId = await app.CreateProgramAsync(coordinator, c => c.Name = programName);
        var email = $"banner-{Guid.NewGuid():N}@example.com";
        var invitation = await app.InvitationAsync(programId, Roles.Mentee, email, expiresAtUtc: DateTime.UtcNow.AddDays(1));

        var response = await app.Client().PostFormAsync("/Account/Register", new()
        {
            ["Data.InvitationToken"] = invitation.Token!,
            ["Data.Email"] = $"someone-else-{Guid.NewGuid():N}@example.com",
            ["Data.DisplayName"] = "Ada Junior",
            ["Data.TimeZoneId"] = "UTC",
            ["Data.Password"] = "Fresh-Password-2026",
            ["Data.ConfirmPassword"] = "Fresh-Password-2026",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"This invitation is for {email}. Register with that address.", HttpClientForms.FieldError(html, "Data.Email"));
        Assert.Contains($"You are invited to join as <strong>Mentee (senior)</strong> in <strong>{programName}</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_that_cannot_be_bound_shows_the_page_again_with_its_loaded_data()
    {
        var coordinator = (await app.PersonAsync(Roles.HrCoordinator)).As;
        var programId = await app.CreateProgramAsync(coordinator);
        var skill = TestData.Unique("Skill");
        await app.SkillIdAsync(skill);
        var client = await app.SignedInClientAsync(Roles.HrCoordinator);

        var response = await client.PostFormAsync($"/Programs/{programId}/Edit", new()
        {
            ["Data.Name"] = "Renamed program",
            ["Data.StartsOn"] = "not a date",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not valid", HttpClientForms.FieldError(html, "Data.StartsOn"), StringComparison.Ordinal);
        Assert.Contains($">{skill}</option>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Programs/{programId}\" class=\"btn btn-link\">Cancel</a>", html, StringComparison.Ordinal);
    }
}
