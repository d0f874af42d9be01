/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query GroupPage($groups: Int!, $students: Int!) {\n  groups(first: $groups) {\n    nodes {\n      id\n      name\n      students(first: $students) {\n        nodes {\n          studentNumber\n          fullName\n          semesters {\n            academicYear\n            semester\n            gpa\n          }\n          loans(first: 5) {\n            nodes {\n              title\n              dueAt\n              overdue\n            }\n          }\n          dormitoryPlacement {\n            status\n            room {\n              number\n            }\n          }\n        }\n      }\n    }\n  }\n}": typeof types.GroupPageDocument,
    "query StudyCard($studentNumber: String!) {\n  student(studentNumber: $studentNumber) {\n    fullName\n    status\n    fundingType\n    group {\n      name\n      programme {\n        code\n        name\n        faculty {\n          name\n        }\n      }\n    }\n    gpa\n    semesters {\n      academicYear\n      semester\n      gpa\n      credits\n    }\n    attendanceSummary {\n      lessons\n      present\n      absent\n      attendanceRate\n    }\n    orders {\n      number\n      date\n      type\n      status\n    }\n    tuitionBalance\n    qrScans(last: 3) {\n      scannedAt\n      result\n    }\n    libraryDebt\n    loans(first: 3, status: CURRENT) {\n      nodes {\n        title\n        dueAt\n        overdue\n      }\n    }\n    dormitoryPlacement {\n      status\n      building {\n        name\n      }\n      room {\n        number\n      }\n    }\n    serviceRequests(first: 3) {\n      nodes {\n        number\n        status\n        type {\n          name\n        }\n      }\n    }\n    person {\n      records {\n        source\n        localKey\n        method\n      }\n    }\n  }\n}": typeof types.StudyCardDocument,
};
const documents: Documents = {
    "query GroupPage($groups: Int!, $students: Int!) {\n  groups(first: $groups) {\n    nodes {\n      id\n      name\n      students(first: $students) {\n        nodes {\n          studentNumber\n          fullName\n          semesters {\n            academicYear\n            semester\n            gpa\n          }\n          loans(first: 5) {\n            nodes {\n              title\n              dueAt\n              overdue\n            }\n          }\n          dormitoryPlacement {\n            status\n            room {\n              number\n            }\n          }\n        }\n      }\n    }\n  }\n}": types.GroupPageDocument,
    "query StudyCard($studentNumber: String!) {\n  student(studentNumber: $studentNumber) {\n    fullName\n    status\n    fundingType\n    group {\n      name\n      programme {\n        code\n        name\n        faculty {\n          name\n        }\n      }\n    }\n    gpa\n    semesters {\n      academicYear\n      semester\n      gpa\n      credits\n    }\n    attendanceSummary {\n      lessons\n      present\n      absent\n      attendanceRate\n    }\n    orders {\n      number\n      date\n      type\n      status\n    }\n    tuitionBalance\n    qrScans(last: 3) {\n      scannedAt\n      result\n    }\n    libraryDebt\n    loans(first: 3, status: CURRENT) {\n      nodes {\n        title\n        dueAt\n        overdue\n      }\n    }\n    dormitoryPlacement {\n      status\n      building {\n        name\n      }\n      room {\n        number\n      }\n    }\n    serviceRequests(first: 3) {\n      nodes {\n        number\n        status\n        type {\n          name\n        }\n      }\n    }\n    person {\n      records {\n        source\n        localKey\n        method\n      }\n    }\n  }\n}": types.StudyCardDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GroupPage($groups: Int!, $students: Int!) {\n  groups(first: $groups) {\n    nodes {\n      id\n      name\n      students(first: $students) {\n        nodes {\n          studentNumber\n          fullName\n          semesters {\n            academicYear\n            semester\n            gpa\n          }\n          loans(first: 5) {\n            nodes {\n              title\n              dueAt\n              overdue\n            }\n          }\n          dormitoryPlacement {\n            status\n            room {\n              number\n            }\n          }\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').GroupPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StudyCard($studentNumber: String!) {\n  student(studentNumber: $studentNumber) {\n    fullName\n    status\n    fundingType\n    group {\n      name\n      programme {\n        code\n        name\n        faculty {\n          name\n        }\n      }\n    }\n    gpa\n    semesters {\n      academicYear\n      semester\n      gpa\n      credits\n    }\n    attendanceSummary {\n      lessons\n      present\n      absent\n      attendanceRate\n    }\n    orders {\n      number\n      date\n      type\n      status\n    }\n    tuitionBalance\n    qrScans(last: 3) {\n      scannedAt\n      result\n    }\n    libraryDebt\n    loans(first: 3, status: CURRENT) {\n      nodes {\n        title\n        dueAt\n        overdue\n      }\n    }\n    dormitoryPlacement {\n      status\n      building {\n        name\n      }\n      room {\n        number\n      }\n    }\n    serviceRequests(first: 3) {\n      nodes {\n        number\n        status\n        type {\n          name\n        }\n      }\n    }\n    person {\n      records {\n        source\n        localKey\n        method\n      }\n    }\n  }\n}"): typeof import('./graphql').StudyCardDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
