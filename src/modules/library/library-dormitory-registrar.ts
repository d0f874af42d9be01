/** The resolver classes of the library, dormitory and registrar modules, registered together in modules/index.ts. */
import { dormitoryResolvers } from '../dormitory/dormitory.resolver';
import { registrarResolvers } from '../registrar/registrar.resolver';
import { libraryResolvers } from './library.resolver';

export const libraryDormitoryRegistrarResolvers = [...libraryResolvers, ...dormitoryResolvers, ...registrarResolvers] as const;
