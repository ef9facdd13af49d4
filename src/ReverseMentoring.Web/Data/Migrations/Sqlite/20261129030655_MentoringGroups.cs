using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MentoringGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Feedback_SessionId_Role",
                table: "Feedback");

            migrationBuilder.AlterColumn<int>(
                name: "PairId",
                table: "Sessions",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "Sessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MentoringGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    MentorEnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentoringGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentoringGroups_Enrolments_MentorEnrolmentId",
                        column: x => x.MentorEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MentoringGroups_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionAttendance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    MenteeEnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionAttendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionAttendance_Enrolments_MenteeEnrolmentId",
                        column: x => x.MenteeEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionAttendance_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionAttendance_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GroupMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GroupMessages_MentoringGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "MentoringGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MentoringGroupMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    MenteeEnrolmentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentoringGroupMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentoringGroupMembers_Enrolments_MenteeEnrolmentId",
                        column: x => x.MenteeEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MentoringGroupMembers_MentoringGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "MentoringGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MentoringGroupMembers_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_GroupId_Status_StartsAtUtc",
                table: "Sessions",
                columns: new[] { "GroupId", "Status", "StartsAtUtc" });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Sessions_PairOrGroup",
                table: "Sessions",
                sql: "(\"PairId\" IS NOT NULL AND \"GroupId\" IS NULL) OR (\"PairId\" IS NULL AND \"GroupId\" IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_SessionId_PairId_Role",
                table: "Feedback",
                columns: new[] { "SessionId", "PairId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GroupMessages_GroupId_SentAtUtc",
                table: "GroupMessages",
                columns: new[] { "GroupId", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroupMembers_GroupId_PairId",
                table: "MentoringGroupMembers",
                columns: new[] { "GroupId", "PairId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroupMembers_MenteeEnrolmentId",
                table: "MentoringGroupMembers",
                column: "MenteeEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroupMembers_PairId",
                table: "MentoringGroupMembers",
                column: "PairId");

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroups_MentorEnrolmentId",
                table: "MentoringGroups",
                column: "MentorEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroups_ProgramId_MentorEnrolmentId",
                table: "MentoringGroups",
                columns: new[] { "ProgramId", "MentorEnrolmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendance_MenteeEnrolmentId",
                table: "SessionAttendance",
                column: "MenteeEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendance_PairId",
                table: "SessionAttendance",
                column: "PairId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendance_SessionId_PairId",
                table: "SessionAttendance",
                columns: new[] { "SessionId", "PairId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Sessions_MentoringGroups_GroupId",
                table: "Sessions",
                column: "GroupId",
                principalTable: "MentoringGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Sessions_MentoringGroups_GroupId",
                table: "Sessions");

            migrationBuilder.DropTable(
                name: "GroupMessages");

            migrationBuilder.DropTable(
                name: "MentoringGroupMembers");

            migrationBuilder.DropTable(
                name: "SessionAttendance");

            migrationBuilder.DropTable(
                name: "MentoringGroups");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_GroupId_Status_StartsAtUtc",
                table: "Sessions");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Sessions_PairOrGroup",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_SessionId_PairId_Role",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "Sessions");

            migrationBuilder.AlterColumn<int>(
                name: "PairId",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_SessionId_Role",
                table: "Feedback",
                columns: new[] { "SessionId", "Role" },
                unique: true);
        }
    }
}
