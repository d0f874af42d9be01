/** Inputs of grade entry on electronic grade sheets. */
import { Field, Float, ID, InputType } from 'type-graphql';

@InputType({ description: 'Scores of one student on a grade sheet. Omit a component to leave it as it is; null clears it. Each component may change only while its grade-entry window is open.' })
export class GradeScoreInput {
  @Field(() => ID, { description: 'The student (a Student id) — must have a row on the sheet.' })
  studentId!: string;

  @Field(() => Float, { nullable: true, description: 'Module 1 points: 0 … the plan item\'s `module1Max`, at most two decimals.' })
  module1?: number | null;

  @Field(() => Float, { nullable: true, description: 'Module 2 points: 0 … `module2Max`, at most two decimals.' })
  module2?: number | null;

  @Field(() => Float, { nullable: true, description: 'Final control points: 0 … `finalMax`, at most two decimals.' })
  final?: number | null;
}

@InputType({ description: 'Scores to write on one grade sheet, all or nothing: if any row is refused, nothing is written.' })
export class SetGradeScoresInput {
  @Field(() => ID, { description: 'The grade sheet (a GradeSheet id).' })
  gradeSheetId!: string;

  @Field(() => [GradeScoreInput], { description: 'One entry per student (each student at most once; 1 to 500 entries).' })
  scores!: GradeScoreInput[];
}
