using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Features.Dashboard;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Tests.Dashboard;

/// <summary>
/// The dashboard overview's people by role: counted again after a role is given through the app, reused while none is,
/// and counted by the fold job after a change, so the first dashboard after it does not count every user role itself.
/// A role row deleted behind the app's back (no role change written) shows which counts a reader got: kept ones still
/// include it, fresh ones do not.
/// </summary>
public sealed class RoleCountsTests(DayFactFiguresApp app) : IClassFixture<DayFactFiguresApp>
{
    [Fact]
    public async Task Role_counts_are_reused_until_a_role_is_given_and_the_fold_counts_them_after_a_change()
    {
        var fold = app.Services.GetRequiredService<DashboardFactsFold>();
        var cache = app.Services.GetRequiredService<IMemoryCache>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        Task<int> MentorsAsync() => app.ExecuteDbContextAsync(async db =>
            (await UptakeOverview.PeopleByRoleAsync(db, cache, clock.GetUtcNow().UtcDateTime, CancellationToken.None)).GetValueOrDefault(Roles.Mentor));
        Task RemoveRoleBehindTheAppAsync(AppUser user) => app.ExecuteDbContextAsync(db =>
            db.UserRoles.Where(r => r.UserId == user.Id).ExecuteDeleteAsync());

        var before = await MentorsAsync();
        var first = await app.CreateUserAsync(Roles.Mentor);
        Assert.Equal(before + 1, await MentorsAsync());

        // Nothing given or taken through the app: the counts are reused.
        await RemoveRoleBehindTheAppAsync(first);
        Assert.Equal(before + 1, await MentorsAsync());

        // A role given through the app, then the fold's run: the reader gets the fold's count, made before the removal.
        var second = await app.CreateUserAsync(Roles.Mentor);
        await fold.RunOnceAsync(CancellationToken.None);
        await RemoveRoleBehindTheAppAsync(second);
        Assert.Equal(before + 1, await MentorsAsync());

        // Counted from nothing, both removals show: the equalities above were reused counts, not fresh ones.
        ((MemoryCache)cache).Clear();
        Assert.Equal(before, await MentorsAsync());
    }
}
