using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Privacy;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Privacy;

public sealed class ErasePersonTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Figures(string ByDepartment, double AverageRating, int Ratings, int HeldSessions, int Pairs, int Enrolments, int SkillRatings, int CheckIns);

    private Task<Figures> FiguresAsync(int programId) =>
        app.ExecuteDbContextAsync(async db => new Figures(
            string.Join(";", (await db.Enrolments.Where(e => e.ProgramId == programId).GroupBy(e => e.Department)
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count}")),
            await db.SessionFeedback.Where(f => f.ProgramId == programId).AverageAsync(f => f.Rating),
            await db.SessionFeedback.CountAsync(f => f.ProgramId == programId),
            await db.Sessions.CountAsync(s => s.ProgramId == programId && s.Status == SessionStatus.Held),
            await db.Pairs.CountAsync(p => p.ProgramId == programId),
            await db.Enrolments.CountAsync(e => e.ProgramId == programId),
            await db.SkillRatings.CountAsync(r => r.ProgramId == programId),
            await db.CheckIns.CountAsync(c => c.ProgramId == programId)));

    private Task<Mediator.Unit> EraseAsync(PrivacyWorld world, string? typed = null) =>
        app.SendAsync(new ErasePerson.Command { UserId = world.Mira.Id, ConfirmEmail = typed ?? world.Mira.Email! }, world.AsCoordinator);

    [Fact]
    public async Task Erasing_a_person_leaves_their_email_name_and_texts_nowhere_in_the_database()
    {
        var world = await PrivacyWorld.CreateAsync(app);
        Assert.NotEmpty(await app.PlacesHoldingAsync(world.Mira.Email!));
        Assert.NotEmpty(await app.PlacesHoldingAsync($"mira-interests-secret-{world.Tag}"));

        await EraseAsync(world);

        Assert.Empty(await app.PlacesHoldingAsync(world.Mira.Email!));
        Assert.Empty(await app.PlacesHoldingAsync(world.Mira.DisplayName));
        foreach (var secret in world.MiraSecrets)
        {
            Assert.True((await app.PlacesHoldingAsync(secret)).Count == 0, $"{secret} is still in {string.Join(", ", await app.PlacesHoldingAsync(secret))}");
        }
    }

    [Fact]
    public async Task Erasing_a_person_leaves_other_people_untouched()
    {
        var world = await PrivacyWorld.CreateAsync(app);

        await EraseAsync(world);

        foreach (var secret in world.OthersSecrets)
        {
            Assert.NotEmpty(await app.PlacesHoldingAsync(secret));
        }

        var noel = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Id == world.Noel.Id));
        Assert.Equal(world.Noel.Email, noel.Email);
        Assert.Null(noel.ErasedAtUtc);
    }

    [Fact]
    public async Task The_anonymised_account_keeps_its_roles_and_records_but_not_its_personal_data()
    {
        var world = await PrivacyWorld.CreateAsync(app);

        await EraseAsync(world);

        var user = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Id == world.Mira.Id));
        Assert.StartsWith("Erased person #", user.DisplayName, StringComparison.Ordinal);
        Assert.Matches(@"^erased-[0-9a-f]{32}@erased\.invalid$", user.Email);
        Assert.Equal(user.Email, user.UserName);
        Assert.Equal(user.Email!.ToUpperInvariant(), user.NormalizedEmail);
        Assert.Null(user.PasswordHash);
        Assert.Null(user.PhoneNumber);
        Assert.NotEqual(world.Mira.SecurityStamp, user.SecurityStamp);
        Assert.True(user.LockoutEnabled);
        Assert.Equal(DateTimeOffset.MaxValue, user.LockoutEnd);
        Assert.NotNull(user.ErasedAtUtc);
        Assert.Equal([Roles.Mentor], await app.RolesOfAsync(world.Mira.Id));

        var enrolment = await app.ExecuteDbContextAsync(db => db.Enrolments.Include(e => e.Availability).Include(e => e.History).SingleAsync(e => e.Id == world.MiraEnrolment.Id));
        Assert.Equal(("", "", "", null, "Engineering", "Graduate"), (enrolment.Interests, enrolment.Goals, enrolment.Location, enrolment.ManagerEmail, enrolment.Department, enrolment.JobLevel));
        Assert.Empty(enrolment.Availability);
        Assert.All(enrolment.History, h => Assert.Equal("", h.Detail));

        var noelManager = await app.ExecuteDbContextAsync(db => db.Enrolments.Where(e => e.Id == world.NoelEnrolment.Id).Select(e => e.ManagerEmail).SingleAsync());
        Assert.Equal(user.Email, noelManager);
        var invitation = await app.ExecuteDbContextAsync(db => db.Invitations.SingleAsync(i => i.Id == world.MiraInvitation.Id));
        Assert.Equal(user.Email, invitation.Email);

        var sessions = await app.ExecuteDbContextAsync(db => db.Sessions.Where(s => s.PairId == world.MiraPair.Id).ToListAsync());
        Assert.All(sessions, s => Assert.Null(s.Notes));
        Assert.All(sessions, s => Assert.Null(s.FollowUps));
        Assert.All(sessions, s => Assert.Equal("", s.Location));
    }

    [Fact]
    public async Task The_programs_figures_are_the_same_before_and_after()
    {
        var world = await PrivacyWorld.CreateAsync(app);
        var before = await FiguresAsync(world.Program.Id);

        await EraseAsync(world);

        Assert.Equal(before, await FiguresAsync(world.Program.Id));
        var ratings = await app.ExecuteDbContextAsync(db => db.SessionFeedback.Where(f => f.ByUserId == world.Mira.Id).Select(f => new { f.Rating, f.Comment }).ToListAsync());
        Assert.Equal(5, Assert.Single(ratings).Rating);
        Assert.Equal("", ratings[0].Comment);
    }

    [Fact]
    public async Task An_erased_person_cannot_sign_in_any_more()
    {
        var world = await PrivacyWorld.CreateAsync(app);
        var before = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = world.Mira.Email!, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);

        await EraseAsync(world);

        var after = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = world.Mira.Email!, ["Data.Password"] = AppFactory.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, after.StatusCode);
        Assert.False(after.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rm.auth=", StringComparison.Ordinal)));
        var anonymous = await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == world.Mira.Id).Select(u => u.Email).SingleAsync());
        var withNewAddress = await app.Client().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = anonymous!, ["Data.Password"] = AppFactory.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, withNewAddress.StatusCode);
    }

    [Fact]
    public async Task The_wrong_email_typed_erases_nothing_and_says_why()
    {
        var world = await PrivacyWorld.CreateAsync(app);
        var client = app.Client();
        await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = world.Coordinator.Email!, ["Data.Password"] = AppFactory.Password });

        var response = await client.PostFormAsync($"/People/Erase/{world.Mira.Id}", new() { ["Data.ConfirmEmail"] = world.Noel.Email! });
        var empty = await client.PostFormAsync($"/People/Erase/{world.Mira.Id}", new() { ["Data.ConfirmEmail"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("That is not this person's e-mail address. Type it exactly as shown above; nothing was erased.",
            HttpClientForms.FieldError(await response.Content.ReadAsStringAsync(), "Data.ConfirmEmail"));
        Assert.Equal("Type the person's e-mail address to confirm the erasure.", HttpClientForms.FieldError(await empty.Content.ReadAsStringAsync(), "Data.ConfirmEmail"));
        var user = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Id == world.Mira.Id));
        Assert.Equal((world.Mira.Email, (DateTime?)null), (user.Email, user.ErasedAtUtc));
        Assert.NotEmpty(await app.PlacesHoldingAsync($"mira-interests-secret-{world.Tag}"));
    }

    [Fact]
    public async Task The_coordinator_confirms_on_the_page_and_sees_the_person_erased()
    {
        var world = await PrivacyWorld.CreateAsync(app);
        var client = app.Client();
        await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = world.Coordinator.Email!, ["Data.Password"] = AppFactory.Password });

        var page = await client.GetHtmlAsync($"/People/Erase/{world.Mira.Id}");
        var response = await client.PostFormAsync($"/People/Erase/{world.Mira.Id}", new() { ["Data.ConfirmEmail"] = " " + world.Mira.Email!.ToUpperInvariant() + " " });

        Assert.Contains("the other side of each pair loses these shared notes", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var done = await client.GetHtmlAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("personal data is erased", done, StringComparison.Ordinal);
        var list = await client.GetHtmlAsync("/People?Data.Search=Erased+person");
        Assert.Contains("Erased", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_cannot_erase_themselves()
    {
        var world = await PrivacyWorld.CreateAsync(app);
        await app.CreateUserAsync(Roles.HrCoordinator);

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            app.SendAsync(new ErasePerson.Command { UserId = world.Coordinator.Id, ConfirmEmail = world.Coordinator.Email! }, world.AsCoordinator));

        Assert.Contains("You cannot erase yourself", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_coordinator_cannot_be_erased_but_one_of_two_can()
    {
        using var own = new AppFactory();
        var first = await own.CreateUserAsync(Roles.HrCoordinator);
        var second = await own.CreateUserAsync(Roles.HrCoordinator);
        var asSecond = AppFactory.PrincipalFor(second, Roles.HrCoordinator);

        // The second erases the first; the second is now the only one, and nobody else can be found to erase them.
        await own.SendAsync(new ErasePerson.Command { UserId = first.Id, ConfirmEmail = first.Email! }, asSecond);
        var third = await own.CreateUserAsync(Roles.HrCoordinator);
        await own.ExecuteDbContextAsync(async db =>
        {
            var roleId = await db.Roles.Where(r => r.Name == Roles.HrCoordinator).Select(r => r.Id).SingleAsync();
            await db.UserRoles.Where(r => r.UserId == third.Id && r.RoleId == roleId).ExecuteDeleteAsync();
        });
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() =>
            own.SendAsync(new ErasePerson.Command { UserId = second.Id, ConfirmEmail = second.Email! }, AppFactory.PrincipalFor(third, Roles.HrCoordinator)));

        Assert.Contains("only HR coordinator", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await own.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == first.Id).Select(u => u.ErasedAtUtc).SingleAsync()));
        Assert.Null(await own.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == second.Id).Select(u => u.ErasedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task A_person_is_erased_only_once()
    {
        var world = await PrivacyWorld.CreateAsync(app);
        await EraseAsync(world);
        var email = await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == world.Mira.Id).Select(u => u.Email).SingleAsync());

        var again = await Assert.ThrowsAsync<RequestValidationException>(() => EraseAsync(world, email));

        Assert.Contains("erased already", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasing_an_unknown_person_is_not_found()
    {
        var coordinator = await app.CreateUserAsync(Roles.HrCoordinator);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new ErasePerson.Command { UserId = Guid.NewGuid().ToString(), ConfirmEmail = "x@example.com" }, AppFactory.PrincipalFor(coordinator, Roles.HrCoordinator)));
    }

    [Theory]
    [InlineData(Roles.Mentor)]
    [InlineData(Roles.Mentee)]
    [InlineData(Roles.Leadership)]
    public async Task Only_hr_can_erase_or_find_people(string role)
    {
        var world = await PrivacyWorld.CreateAsync(app);
        var someone = await app.CreateUserAsync(role);
        var @as = AppFactory.PrincipalFor(someone, role);

        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new ErasePerson.Command { UserId = world.Mira.Id, ConfirmEmail = world.Mira.Email! }, @as));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new ErasePerson.Query(world.Mira.Id), @as));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() => app.SendAsync(new FindPeople.Query(), @as));
        await Assert.ThrowsAsync<RequestAuthorizationException>(() =>
            app.SendAsync(new ErasePerson.Command { UserId = world.Mira.Id, ConfirmEmail = world.Mira.Email! }));

        var client = await app.SignedInClientAsync(role);
        foreach (var page in new[] { $"/People/Erase/{world.Mira.Id}", "/People" })
        {
            var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await app.Client().GetAsync(new Uri("/People", UriKind.Relative))).StatusCode);
        Assert.Null(await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == world.Mira.Id).Select(u => u.ErasedAtUtc).SingleAsync()));
    }

    [Fact]
    public async Task Hr_finds_people_by_part_of_their_name_or_email()
    {
        var world = await PrivacyWorld.CreateAsync(app);

        var byName = await app.SendAsync(new FindPeople.Query { Search = "quillfeather" }, world.AsCoordinator);
        var byEmail = await app.SendAsync(new FindPeople.Query { Search = world.Noel.Email![..12] }, world.AsCoordinator);
        var none = await app.SendAsync(new FindPeople.Query { Search = "no-such-person-anywhere" }, world.AsCoordinator);

        Assert.Contains(byName.People, p => p.Id == world.Mira.Id && p.Roles.SequenceEqual([Roles.Mentor]));
        Assert.Contains(byEmail.People, p => p.Id == world.Noel.Id);
        Assert.Equal(0, none.Total);
        var html = await (await app.SignedInClientAsync(Roles.HrCoordinator)).GetHtmlAsync("/People?Data.Search=no-such-person-anywhere");
        Assert.Contains("e-mail address contains this text.", html, StringComparison.Ordinal);
    }
}
