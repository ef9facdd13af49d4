using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.SelfService;

namespace ReverseMentoring.Tests.SelfService;

/// <summary>A self-service program with its people, built on the test kit.</summary>
public static class SelfServiceKit
{
    /// <summary>A matching program whose mentees choose their mentor.</summary>
    public static Task<MentoringProgram> SelfServiceProgramAsync(this AppFactory app, int capacity = 1, int maxRequests = 3, int answerDays = 3) =>
        app.ProgramAsync(ProgramStatus.Matching, change: p =>
        {
            p.Matching.Mode = MatchingMode.SelfService;
            p.MentorCapacity = capacity;
            p.Matching.MaxMentorRequests = maxRequests;
            p.Matching.RequestAnswerDays = answerDays;
        });

    public static async Task<(Person Person, Enrolment Enrolment)> MentorInAsync(
        this AppFactory app, MentoringProgram program, string? name = null, string? managerEmail = null, SessionFormats formats = SessionFormats.InPerson | SessionFormats.Virtual,
        IReadOnlyList<(int SkillId, int Level)>? skills = null)
    {
        var person = await app.PersonAsync(ParticipantRole.Mentor, name ?? TestData.Unique("Mentor"));
        var enrolment = await app.EnrolAsync(program, person, ParticipantRole.Mentor, department: "Engineering", managerEmail: managerEmail, formats: formats, skills: skills);
        return (person, enrolment);
    }

    public static async Task<(Person Person, Enrolment Enrolment)> MenteeInAsync(this AppFactory app, MentoringProgram program, string? name = null)
    {
        var person = await app.PersonAsync(ParticipantRole.Mentee, name ?? TestData.Unique("Mentee"));
        var enrolment = await app.EnrolAsync(program, person, ParticipantRole.Mentee, department: "Finance");
        return (person, enrolment);
    }

    public static Task<int> AskAsync(this AppFactory app, MentoringProgram program, Person mentee, params int[] mentorEnrolmentIds) =>
        app.SendAsync(new RequestMentors.Command { ProgramId = program.Id, Choices = mentorEnrolmentIds.Select(id => (int?)id).ToList() }, mentee.As);

    public static Task<List<MentorRequest>> RequestsOfAsync(this AppFactory app, int menteeEnrolmentId) =>
        app.ExecuteDbContextAsync(db => db.MentorRequests.AsNoTracking().Where(r => r.MenteeEnrolmentId == menteeEnrolmentId).OrderBy(r => r.ChoiceOrder).ToListAsync());

    public static Task<int> OutboxCountAsync(this AppFactory app, string keyPrefix) =>
        app.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync(m => m.Key.StartsWith(keyPrefix)));

    public static Task<AnswerRequest.Outcome> AnswerAsync(this AppFactory app, MentorRequest request, Person mentor, AnswerRequest.Answer answer, string? reason = null) =>
        app.SendAsync(new AnswerRequest.Command { RequestId = request.Id, Answer = answer, Reason = reason, Version = request.Version }, mentor.As);
}
