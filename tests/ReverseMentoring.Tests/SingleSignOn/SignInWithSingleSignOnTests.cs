using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Account;

namespace ReverseMentoring.Tests.SingleSignOn;

public sealed class SignInWithSingleSignOnTests(SingleSignOnApp app) : IClassFixture<SingleSignOnApp>
{
    private const string Alice = "alice.adams@contoso.test";
    private const string Bob = "bob.brown@contoso.test";
    private static readonly string SignInAction = ReverseMentoring.Web.Infrastructure.AuditAction.Words(nameof(SignInWithSingleSignOn));
    private const string AliceNormalized = "ALICE.ADAMS@CONTOSO.TEST";
    private const string BobNormalized = "BOB.BROWN@CONTOSO.TEST";

    [Fact]
    public async Task A_first_sign_in_makes_the_account_just_in_time_without_a_password_and_writes_the_org_chart()
    {
        var client = app.HttpsClient();

        var response = await ProviderSignIn.SignInAsync(client, "alice");

        // No invitation gave Alice a role: she chooses one before her first enrolment.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ChooseRoleModel.Path, response.Headers.Location?.OriginalString);
        var user = await FindAsync(Alice);
        Assert.NotNull(user);
        Assert.Null(user.PasswordHash);
        Assert.True(user.EmailConfirmed);
        Assert.Equal("Alice Adams", user.DisplayName);
        Assert.Equal(["alice"], await LoginsAsync(user));

        var entry = await app.ExecuteDbContextAsync(db => db.OrgChart.AsNoTracking().SingleAsync(e => e.NormalizedEmail == AliceNormalized));
        Assert.Equal(("Finance", "Director", "CAROL.CHIEF@CONTOSO.TEST", OrgSource.SingleSignOn),
            (entry.Department, entry.JobLevel, entry.ManagerEmail, entry.Source));
        var audit = await AuditAsync(user.Id);
        Assert.Equal(["Added"], audit);

        var chosen = await client.PostFormAsync(ChooseRoleModel.Path, new() { ["Data.JoiningAs"] = Roles.Mentee });
        Assert.Equal("/Participant", chosen.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Participant", UriKind.Relative))).StatusCode);

        // The next sign-in finds the same account by its linked login and goes straight home.
        var again = await ProviderSignIn.SignInAsync(app.HttpsClient(), "alice");
        Assert.Equal("/Participant", again.Headers.Location?.OriginalString);
        Assert.Equal(1, await app.ExecuteDbContextAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == AliceNormalized)));
        Assert.Contains("Signed in", await AuditAsync(user.Id));
    }

    [Fact]
    public async Task An_existing_account_is_matched_by_its_verified_email_and_its_org_chart_place_taken_from_the_claims()
    {
        var existing = await app.CreateUserAsync(Roles.Mentor, "Bob.Brown@Contoso.test", "Bob from the CSV");
        await app.ExecuteDbContextAsync(async db =>
        {
            var entry = OrgChartEntry.For(Bob);
            entry.Place(OrgSource.Csv, "Marketing", "Intern", null, "E-17", DateTime.UtcNow);
            db.OrgChart.Add(entry);
            await db.SaveChangesAsync();
        });
        var client = app.HttpsClient();

        var response = await ProviderSignIn.SignInAsync(client, "bob");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Participant", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Participant", UriKind.Relative))).StatusCode);
        var user = await FindAsync(Bob);
        Assert.Equal(existing.Id, user!.Id);
        Assert.NotNull(user.PasswordHash);
        Assert.Equal("Bob from the CSV", user.DisplayName);
        Assert.Equal(["bob"], await LoginsAsync(user));
        var entry = await app.ExecuteDbContextAsync(db => db.OrgChart.AsNoTracking().SingleAsync(e => e.NormalizedEmail == BobNormalized));
        Assert.Equal(("Engineering", "Graduate", "DAN.LEAD@CONTOSO.TEST", OrgSource.SingleSignOn, "E-17"),
            (entry.Department, entry.JobLevel, entry.ManagerEmail, entry.Source, entry.EmployeeNumber));
        Assert.Equal(["Signed in"], await AuditAsync(user.Id));
    }

    private async Task<AppUser?> FindAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    private async Task<List<string>> LoginsAsync(AppUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var logins = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().GetLoginsAsync(user);
        Assert.All(logins, l => Assert.Equal(SingleSignOnOptions.Scheme, l.LoginProvider));
        return logins.Select(l => l.ProviderKey).ToList();
    }

    private Task<List<string>> AuditAsync(string userId) =>
        app.ExecuteDbContextAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(AppUser) && a.EntityId == userId && a.ActionName == SignInAction)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
