using System.Net;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Agreements;
using ReverseMentoring.Web.Features.Conversations;
using ReverseMentoring.Web.Features.Groups;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Tests.Groups;

namespace ReverseMentoring.Tests.Home;

public sealed class ParticipantHomeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<int> SetGoalsAsync(int enrolmentId, string goals) =>
        app.ExecuteDbContextAsync(db => db.Enrolments.Where(e => e.Id == enrolmentId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Goals, goals)));

    private async Task CoverAsync(Session session, int topicId) =>
        await app.ExecuteDbContextAsync(async db =>
        {
            db.SessionTopics.Add(new SessionTopic { SessionId = session.Id, ProgramTopicId = topicId, Kind = SessionTopicKind.Covered });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task A_confirmed_pair_shows_the_partner_in_their_words_the_next_session_and_the_topics_covered()
    {
        var pair = await app.PairAsync();
        await SetGoalsAsync(pair.MenteeEnrolmentId, "Use AI assistants to prepare board papers.");
        var topics = pair.Program.Topics.OrderBy(t => t.SortOrder).ToList();
        var held = await app.SessionAsync(pair, SessionStatus.Held, DateTime.UtcNow.AddDays(-5));
        await CoverAsync(held, topics[1].Id);
        var later = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(9), location: "https://meet.example.com/later");
        var next = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(2), location: "https://meet.example.com/next");

        var home = await app.SendAsync(new MyMentoring.Query(), pair.Mentor.As);

        var card = Assert.Single(home.Pairs);
        Assert.Equal(pair.Id, card.Id);
        Assert.Equal(pair.Mentee.User.DisplayName, card.Partner.Name);
        Assert.Equal(ParticipantRole.Mentee, card.Partner.Role);
        Assert.Equal("Use AI assistants to prepare board papers.", card.Partner.Goals);
        Assert.Equal(next.Id, card.Next!.Id);
        Assert.True(card.Next.IsMeetingLink);
        Assert.Equal("https://meet.example.com/next", card.Next.Location);
        Assert.Equal(1, card.HeldSessions);
        Assert.Equal(topics.Select(t => t.Title), card.Topics.Select(t => t.Title));
        Assert.Equal(topics.Select(t => t.Id == topics[1].Id), card.Topics.Select(t => t.Covered));
        Assert.NotEqual(later.Id, card.Next.Id);
    }

    [Fact]
    public async Task The_to_do_list_holds_each_pending_action_with_the_page_that_does_it()
    {
        var pair = await app.PairAsync();
        var toLog = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(-1));
        var toRate = await app.SessionAsync(pair, SessionStatus.Held, DateTime.UtcNow.AddDays(-3));
        var rated = await app.SessionAsync(pair, SessionStatus.Held, DateTime.UtcNow.AddDays(-6));
        await app.FeedbackAsync(pair, rated, ParticipantRole.Mentee, 5);
        var checkIn = await app.CheckInAsync(pair, ParticipantRole.Mentee, day: 30);
        await app.CheckInAsync(pair, ParticipantRole.Mentor, day: 30);

        var items = (await app.SendAsync(new MyMentoring.Query(), pair.Mentee.As)).ToDo;

        Assert.Contains(items, a => a.Kind == ParticipantActionKind.LogSession && a.Link == $"/Participant/Sessions/Log/{toLog.Id}");
        var feedback = Assert.Single(items, a => a.Kind == ParticipantActionKind.GiveFeedback);
        Assert.Equal($"/Participant/Feedback/Give/{toRate.Id}", feedback.Link);
        var answer = Assert.Single(items, a => a.Kind == ParticipantActionKind.AnswerCheckIn);
        Assert.Equal($"/Participant/CheckIns/{checkIn.Id}", answer.Link);
        Assert.Contains(items, a => a.Kind == ParticipantActionKind.RateSkills && a.Link == $"/Participant/Skills/Progress/{pair.Id}");
        Assert.Contains(items, a => a.Kind == ParticipantActionKind.ScheduleSession && a.Link == $"/Participant/Sessions/Schedule?pairId={pair.Id}");
        Assert.All(items, a => Assert.Contains(pair.Mentor.User.DisplayName, a.Title));
    }

    [Fact]
    public async Task Actions_done_leave_the_list()
    {
        var pair = await app.PairAsync();
        await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(3));
        var skill = await app.SkillIdAsync("AI tools");
        await app.SkillRatingAsync(pair, ParticipantRole.Mentor, skill, SkillRatingStage.Start, 4);
        await app.SessionAsync(pair, SessionStatus.Missed, DateTime.UtcNow.AddDays(-40));
        var before = (await app.SendAsync(new MyMentoring.Query(), pair.Mentor.As)).ToDo;
        await app.SendAsync(new SignAgreement.Command { PairId = pair.Id, Version = 1 }, pair.Mentor.As);

        var items = (await app.SendAsync(new MyMentoring.Query(), pair.Mentor.As)).ToDo;

        Assert.Equal($"/Participant/Pairs/{pair.Id}/Agreement", Assert.Single(before).Link);
        Assert.Empty(items);
    }

    [Fact]
    public async Task A_proposal_is_answered_from_the_home_and_someone_elses_work_never_shows()
    {
        var pair = await app.PairAsync(status: PairStatus.Proposed);
        var someoneElses = await app.PairAsync();
        await app.SessionAsync(someoneElses, SessionStatus.Held, DateTime.UtcNow.AddDays(-2));
        await app.CheckInAsync(someoneElses, ParticipantRole.Mentor);

        var home = await app.SendAsync(new MyMentoring.Query(), pair.Mentor.As);

        var action = Assert.Single(home.ToDo);
        Assert.Equal(ParticipantActionKind.AnswerProposal, action.Kind);
        Assert.Equal($"/Participant/Programs/{pair.ProgramId}#pair-{pair.Id}", action.Link);
        var card = Assert.Single(home.Pairs);
        Assert.True(card.AwaitsMyAnswer);
        Assert.Equal("teaches AI tools 4/5, wanted at 1/5", card.Reasons);
        Assert.Equal(pair.Version, card.Version);
    }

    [Fact]
    public async Task A_pair_the_person_declined_leaves_their_home_and_the_empty_state_says_what_happens_next()
    {
        var pair = await app.PairAsync(status: PairStatus.Declined, declinedBy: ParticipantRole.Mentor);

        var home = await app.SendAsync(new MyMentoring.Query(), pair.Mentor.As);
        using var client = await app.SignedInClientAsync(pair.Mentor.User);
        var html = await client.GetStringAsync("/Participant");

        Assert.Empty(home.Pairs);
        Assert.Empty(home.ToDo);
        Assert.Contains("HR proposes pairs once enrolment closes", html, StringComparison.Ordinal);
        Assert.Contains("Nothing is waiting for you right now", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_shows_the_partner_card_and_the_join_and_calendar_links()
    {
        var pair = await app.PairAsync();
        var next = await app.SessionAsync(pair, SessionStatus.Scheduled, DateTime.UtcNow.AddDays(2), location: "https://meet.example.com/home");
        await app.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == pair.Mentor.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZoneId, "Asia/Singapore")));
        using var client = await app.SignedInClientAsync(pair.Mentee.User);

        var response = await client.GetAsync("/Participant");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(pair.Mentor.User.DisplayName), html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://meet.example.com/home\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Participant/Sessions/{next.Id}/Calendar\"", html, StringComparison.Ordinal);
        Assert.Contains("Asia/Singapore (", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unread_messages_required_training_and_the_pairs_goals_reach_the_home()
    {
        var pair = await app.PairAsync();
        await app.SendAsync(new PostMessage.Command { PairId = pair.Id, Text = "Shall we start with your calendar?" }, pair.Mentee.As);
        await app.SendAsync(new PostMessage.Command { PairId = pair.Id, Text = "And then the assistant." }, pair.Mentee.As);
        var guide = await app.ResourceAsync(pair.Program, "How to mentor upward", ResourceAudience.Mentors);
        await app.ExecuteDbContextAsync(db => db.Resources.Where(r => r.Id == guide.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.RequiredBeforeFirstSession, true)));
        await app.SendAsync(new ReverseMentoring.Web.Features.Goals.SetGoal.Command { PairId = pair.Id, Title = "Chair a meeting with a shared board" }, pair.Mentee.As);

        var home = await app.SendAsync(new MyMentoring.Query(), pair.Mentor.As);

        var messages = Assert.Single(home.ToDo, a => a.Kind == ParticipantActionKind.ReadMessages);
        Assert.Equal($"Read 2 new messages from {pair.Mentee.User.DisplayName}", messages.Title);
        Assert.Equal($"/Participant/Pairs/{pair.Id}/Messages", messages.Link);
        var training = Assert.Single(home.ToDo, a => a.Kind == ParticipantActionKind.DoTraining);
        Assert.Contains("How to mentor upward", training.Title, StringComparison.Ordinal);
        var card = Assert.Single(home.Pairs);
        Assert.Equal(2, card.UnreadMessages);
        Assert.Equal("Chair a meeting with a shared board", Assert.Single(card.Goals).Title);
        var menteeHome = await app.SendAsync(new MyMentoring.Query(), pair.Mentee.As);
        Assert.DoesNotContain(menteeHome.ToDo, a => a.Kind is ParticipantActionKind.ReadMessages or ParticipantActionKind.DoTraining);
    }

    [Fact]
    public async Task The_home_lists_the_live_group_the_person_leads_and_the_one_they_belong_to_as_a_mentee_and_no_other()
    {
        // Leads "Alpha" (two of four mentees) and led "Omega", now ended, in one program...
        var leads = await app.GroupAsync(mentees: 4, grouped: 2, name: "Alpha circle");
        var person = leads.Mentor;
        var ended = await app.SendAsync(
            new CreateGroup.Command { ProgramId = leads.Program.Id, Name = "Omega circle", PairIds = [leads.Pairs[2].Id, leads.Pairs[3].Id] }, person.As);
        await app.ExecuteDbContextAsync(db => db.MentoringGroups.Where(g => g.Id == ended).ExecuteUpdateAsync(u => u.SetProperty(g => g.EndedAtUtc, DateTime.UtcNow)));

        // ...and is a mentee of "Beta" in another, beside a group of the same program they are not in.
        var program = await app.ProgramAsync(ProgramStatus.Running, name: TestData.Unique("Second program"));
        var mine = await app.PairAsync(program, mentee: person, mentorName: TestData.Unique("Mentor"));
        var fellow = await app.PairAsync(program, mentor: mine.Mentor, menteeName: TestData.Unique("Mentee"));
        var belongs = await app.SendAsync(new CreateGroup.Command { ProgramId = program.Id, Name = "Beta circle", PairIds = [mine.Id, fellow.Id] }, mine.Mentor.As);
        var outsider = await app.PairAsync(program, mentor: mine.Mentor, menteeName: TestData.Unique("Mentee"));
        var outsider2 = await app.PairAsync(program, mentor: mine.Mentor, menteeName: TestData.Unique("Mentee"));
        await app.SendAsync(new CreateGroup.Command { ProgramId = program.Id, Name = "Gamma circle", PairIds = [outsider.Id, outsider2.Id] }, mine.Mentor.As);
        await app.GroupAsync(mentees: 2, name: "Delta circle");

        var home = await app.SendAsync(new MyMentoring.Query(), person.As);

        Assert.Equal(
            [
                new MyMentoring.MyGroup(leads.GroupId, "Alpha circle", leads.Program.Name, IAmMentor: true, Members: 2),
                new MyMentoring.MyGroup(belongs, "Beta circle", program.Name, IAmMentor: false, Members: 2),
            ],
            home.Groups);
        Assert.Equal([leads.Program.Id], home.CanStartGroupIn.Select(p => p.ProgramId));
        var fellowHome = await app.SendAsync(new MyMentoring.Query(), fellow.Mentee.As);
        Assert.Equal([belongs], fellowHome.Groups.Select(g => g.Id));
        Assert.Equal(["Beta circle", "Gamma circle"], (await app.SendAsync(new MyMentoring.Query(), mine.Mentor.As)).Groups.Select(g => g.Name));
    }

    [Fact]
    public async Task The_counts_of_check_ins_and_feedback_waiting_go_beyond_the_ten_the_list_shows()
    {
        var pair = await app.PairAsync();
        for (var day = 1; day <= ParticipantToDo.PerKind + 1; day++)
        {
            await app.CheckInAsync(pair, ParticipantRole.Mentee, day: day * 30);
            await app.SessionAsync(pair, SessionStatus.Held, DateTime.UtcNow.AddDays(-day));
        }

        await app.CheckInAsync(pair, ParticipantRole.Mentor, day: 30);

        var mentorHome = await app.SendAsync(new MyMentoring.Query(), pair.Mentor.As);
        var home = await app.SendAsync(new MyMentoring.Query(), pair.Mentee.As);

        Assert.Equal(ParticipantToDo.PerKind + 1, home.OpenCheckIns);
        Assert.Equal(ParticipantToDo.PerKind + 1, home.PendingFeedback);
        Assert.Equal(ParticipantToDo.PerKind, home.ToDo.Count(a => a.Kind == ParticipantActionKind.AnswerCheckIn));
        Assert.Equal(ParticipantToDo.PerKind, home.ToDo.Count(a => a.Kind == ParticipantActionKind.GiveFeedback));
        Assert.Equal(1, mentorHome.OpenCheckIns);
        Assert.Equal(ParticipantToDo.PerKind + 1, mentorHome.PendingFeedback);
    }
}
