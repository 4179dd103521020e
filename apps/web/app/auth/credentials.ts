import { z } from 'zod';

export const emailField = z.email('Enter a valid email address').transform((e) => e.toLowerCase());

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password'),
  redirectTo: z.string().optional(),
});

export const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Tell us your name').max(80, 'Keep it under 80 characters'),
  email: emailField,
  password: z.string().min(8, 'Use at least 8 characters').max(128, 'Use at most 128 characters'),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z.object({
  token: z.string().min(1, 'This link is incomplete: ask for a new one'),
  password: z.string().min(8, 'Use at least 8 characters').max(128, 'Use at most 128 characters'),
});
